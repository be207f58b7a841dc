-- Share links and quotas (issue 15): read-only links to runs, views and models; per-experiment limits set by
-- an admin; usage counters a quota check reads instead of counting history. A run without a run_usage row
-- (written before this migration, or imported) gets one, counted once, on its next metric write.
CREATE TABLE "experiment_quotas" (
	"experiment_id" integer PRIMARY KEY NOT NULL,
	"max_runs" bigint,
	"max_params_per_run" bigint,
	"max_tags_per_run" bigint,
	"max_metric_steps_per_run" bigint,
	"max_artifact_bytes" bigint
);
--> statement-breakpoint
CREATE TABLE "experiment_usage" (
	"experiment_id" integer PRIMARY KEY NOT NULL,
	"artifact_bytes" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_usage" (
	"run_uuid" varchar(32) PRIMARY KEY NOT NULL,
	"metric_points" bigint DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_links" (
	"id" varchar(32) PRIMARY KEY NOT NULL,
	"kind" varchar(16) NOT NULL,
	"run_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"model_name" varchar(256),
	"target" text NOT NULL,
	"creator_user_id" integer NOT NULL,
	"creation_time" bigint NOT NULL,
	"expiry_time" bigint NOT NULL,
	"revoked_time" bigint
);
--> statement-breakpoint
ALTER TABLE "experiment_quotas" ADD CONSTRAINT "experiment_quotas_experiment_id_experiments_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("experiment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "experiment_usage" ADD CONSTRAINT "experiment_usage_experiment_id_experiments_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("experiment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_usage" ADD CONSTRAINT "run_usage_run_uuid_runs_run_uuid_fk" FOREIGN KEY ("run_uuid") REFERENCES "public"."runs"("run_uuid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_links" ADD CONSTRAINT "share_links_creator_user_id_users_id_fk" FOREIGN KEY ("creator_user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "share_links_creator_idx" ON "share_links" USING btree ("creator_user_id","creation_time");