-- The hosted portal (issue 15): people, teams, sessions, API tokens, per-experiment and per-model grants,
-- the audit log and server-wide secrets. Nothing reads these tables while auth is off.
CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"name" varchar(256) NOT NULL,
	"secret_hash" text NOT NULL,
	"display_prefix" varchar(16) NOT NULL,
	"creation_time" bigint NOT NULL,
	"last_used_time" bigint,
	"revoked_time" bigint,
	CONSTRAINT "api_tokens_secret_hash_unique" UNIQUE("secret_hash")
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"time" bigint NOT NULL,
	"actor_user_id" integer,
	"actor_username" varchar(256),
	"action" varchar(64) NOT NULL,
	"target" text NOT NULL,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "experiment_permissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"experiment_id" integer NOT NULL,
	"user_id" integer,
	"team_id" integer,
	"permission" varchar(16) NOT NULL,
	CONSTRAINT "experiment_permissions_one_grantee" CHECK ((user_id is null) <> (team_id is null))
);
--> statement-breakpoint
CREATE TABLE "registered_model_permissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(256) NOT NULL,
	"user_id" integer,
	"team_id" integer,
	"permission" varchar(16) NOT NULL,
	CONSTRAINT "registered_model_permissions_one_grantee" CHECK ((user_id is null) <> (team_id is null))
);
--> statement-breakpoint
CREATE TABLE "server_secrets" (
	"name" varchar(64) PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"secret_hash" text PRIMARY KEY NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"creation_time" bigint NOT NULL,
	"expiry_time" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "team_members" (
	"team_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	CONSTRAINT "team_members_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "teams" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" varchar(256) NOT NULL,
	"creation_time" bigint NOT NULL,
	CONSTRAINT "teams_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"username" varchar(256) NOT NULL,
	"password_hash" text NOT NULL,
	"is_admin" boolean DEFAULT false NOT NULL,
	"creation_time" bigint NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username")
);
--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_permissions" ADD CONSTRAINT "experiment_permissions_experiment_id_experiments_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("experiment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_permissions" ADD CONSTRAINT "experiment_permissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_permissions" ADD CONSTRAINT "experiment_permissions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registered_model_permissions" ADD CONSTRAINT "registered_model_permissions_name_registered_models_name_fk" FOREIGN KEY ("name") REFERENCES "public"."registered_models"("name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "registered_model_permissions" ADD CONSTRAINT "registered_model_permissions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "registered_model_permissions" ADD CONSTRAINT "registered_model_permissions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_members" ADD CONSTRAINT "team_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_tokens_user_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "audit_log_time_idx" ON "audit_log" USING btree ("time");--> statement-breakpoint
CREATE UNIQUE INDEX "experiment_permissions_user_idx" ON "experiment_permissions" USING btree ("experiment_id","user_id") WHERE user_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "experiment_permissions_team_idx" ON "experiment_permissions" USING btree ("experiment_id","team_id") WHERE team_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "registered_model_permissions_user_idx" ON "registered_model_permissions" USING btree ("name","user_id") WHERE user_id is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "registered_model_permissions_team_idx" ON "registered_model_permissions" USING btree ("name","team_id") WHERE team_id is not null;--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "team_members_user_idx" ON "team_members" USING btree ("user_id");