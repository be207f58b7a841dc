CREATE TABLE "experiment_tags" (
	"experiment_id" integer NOT NULL,
	"key" varchar(250) NOT NULL,
	"value" varchar(5000) NOT NULL,
	CONSTRAINT "experiment_tags_experiment_id_key_pk" PRIMARY KEY("experiment_id","key")
);
--> statement-breakpoint
CREATE TABLE "experiments" (
	"experiment_id" serial PRIMARY KEY NOT NULL,
	"name" varchar(500) NOT NULL,
	"artifact_location" text NOT NULL,
	"lifecycle_stage" varchar(32) DEFAULT 'active' NOT NULL,
	"creation_time" bigint NOT NULL,
	"last_update_time" bigint NOT NULL,
	CONSTRAINT "experiments_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "latest_metrics" (
	"run_uuid" varchar(32) NOT NULL,
	"key" varchar(250) NOT NULL,
	"step" bigint NOT NULL,
	"timestamp" bigint NOT NULL,
	"value" double precision NOT NULL,
	"is_nan" boolean DEFAULT false NOT NULL,
	CONSTRAINT "latest_metrics_run_uuid_key_pk" PRIMARY KEY("run_uuid","key")
);
--> statement-breakpoint
CREATE TABLE "metrics" (
	"run_uuid" varchar(32) NOT NULL,
	"key" varchar(250) NOT NULL,
	"step" bigint DEFAULT 0 NOT NULL,
	"timestamp" bigint NOT NULL,
	"value" double precision NOT NULL,
	"is_nan" boolean DEFAULT false NOT NULL,
	"model_id" varchar(64),
	"dataset_name" varchar(500),
	"dataset_digest" varchar(36),
	CONSTRAINT "metrics_run_uuid_key_step_timestamp_value_is_nan_pk" PRIMARY KEY("run_uuid","key","step","timestamp","value","is_nan")
);
--> statement-breakpoint
CREATE TABLE "params" (
	"run_uuid" varchar(32) NOT NULL,
	"key" varchar(250) NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "params_run_uuid_key_pk" PRIMARY KEY("run_uuid","key")
);
--> statement-breakpoint
CREATE TABLE "runs" (
	"run_uuid" varchar(32) PRIMARY KEY NOT NULL,
	"name" varchar(250) NOT NULL,
	"experiment_id" integer NOT NULL,
	"user_id" varchar(256) DEFAULT '' NOT NULL,
	"status" varchar(9) NOT NULL,
	"start_time" bigint NOT NULL,
	"end_time" bigint,
	"deleted_time" bigint,
	"lifecycle_stage" varchar(20) DEFAULT 'active' NOT NULL,
	"artifact_uri" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tags" (
	"run_uuid" varchar(32) NOT NULL,
	"key" varchar(250) NOT NULL,
	"value" text NOT NULL,
	CONSTRAINT "tags_run_uuid_key_pk" PRIMARY KEY("run_uuid","key")
);
--> statement-breakpoint
CREATE TABLE "datasets" (
	"dataset_uuid" varchar(36) NOT NULL,
	"experiment_id" integer NOT NULL,
	"name" varchar(500) NOT NULL,
	"digest" varchar(36) NOT NULL,
	"dataset_source_type" varchar(36) NOT NULL,
	"dataset_source" text NOT NULL,
	"dataset_schema" text,
	"dataset_profile" text,
	CONSTRAINT "datasets_experiment_id_name_digest_pk" PRIMARY KEY("experiment_id","name","digest")
);
--> statement-breakpoint
CREATE TABLE "input_tags" (
	"input_uuid" varchar(36) NOT NULL,
	"name" varchar(255) NOT NULL,
	"value" varchar(500) NOT NULL,
	CONSTRAINT "input_tags_input_uuid_name_pk" PRIMARY KEY("input_uuid","name")
);
--> statement-breakpoint
CREATE TABLE "inputs" (
	"input_uuid" varchar(36) NOT NULL,
	"source_type" varchar(36) NOT NULL,
	"source_id" varchar(36) NOT NULL,
	"destination_type" varchar(36) NOT NULL,
	"destination_id" varchar(36) NOT NULL,
	"step" integer,
	CONSTRAINT "inputs_source_type_source_id_destination_type_destination_id_pk" PRIMARY KEY("source_type","source_id","destination_type","destination_id")
);
--> statement-breakpoint
CREATE TABLE "logged_model_metrics" (
	"model_id" varchar(64) NOT NULL,
	"metric_name" varchar(500) NOT NULL,
	"metric_timestamp_ms" bigint NOT NULL,
	"metric_step" bigint NOT NULL,
	"metric_value" double precision,
	"experiment_id" integer NOT NULL,
	"run_id" varchar(32) NOT NULL,
	"dataset_uuid" varchar(36),
	"dataset_name" varchar(500),
	"dataset_digest" varchar(36),
	CONSTRAINT "logged_model_metrics_model_id_metric_name_metric_timestamp_ms_metric_step_run_id_pk" PRIMARY KEY("model_id","metric_name","metric_timestamp_ms","metric_step","run_id")
);
--> statement-breakpoint
CREATE TABLE "logged_model_params" (
	"model_id" varchar(64) NOT NULL,
	"experiment_id" integer NOT NULL,
	"param_key" varchar(255) NOT NULL,
	"param_value" text NOT NULL,
	CONSTRAINT "logged_model_params_model_id_param_key_pk" PRIMARY KEY("model_id","param_key")
);
--> statement-breakpoint
CREATE TABLE "logged_model_tags" (
	"model_id" varchar(64) NOT NULL,
	"experiment_id" integer NOT NULL,
	"tag_key" varchar(255) NOT NULL,
	"tag_value" text NOT NULL,
	CONSTRAINT "logged_model_tags_model_id_tag_key_pk" PRIMARY KEY("model_id","tag_key")
);
--> statement-breakpoint
CREATE TABLE "logged_models" (
	"model_id" varchar(64) PRIMARY KEY NOT NULL,
	"experiment_id" integer NOT NULL,
	"name" varchar(500) NOT NULL,
	"artifact_location" text NOT NULL,
	"creation_timestamp_ms" bigint NOT NULL,
	"last_updated_timestamp_ms" bigint NOT NULL,
	"status" integer NOT NULL,
	"lifecycle_stage" varchar(32) DEFAULT 'active' NOT NULL,
	"model_type" varchar(500),
	"source_run_id" varchar(32),
	"status_message" text
);
--> statement-breakpoint
ALTER TABLE "experiment_tags" ADD CONSTRAINT "experiment_tags_experiment_id_experiments_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("experiment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "params" ADD CONSTRAINT "params_run_uuid_runs_run_uuid_fk" FOREIGN KEY ("run_uuid") REFERENCES "public"."runs"("run_uuid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "runs" ADD CONSTRAINT "runs_experiment_id_experiments_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("experiment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tags" ADD CONSTRAINT "tags_run_uuid_runs_run_uuid_fk" FOREIGN KEY ("run_uuid") REFERENCES "public"."runs"("run_uuid") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "datasets" ADD CONSTRAINT "datasets_experiment_id_experiments_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("experiment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_metrics" ADD CONSTRAINT "logged_model_metrics_model_id_logged_models_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("model_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_params" ADD CONSTRAINT "logged_model_params_model_id_logged_models_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("model_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_model_tags" ADD CONSTRAINT "logged_model_tags_model_id_logged_models_model_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."logged_models"("model_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "logged_models" ADD CONSTRAINT "logged_models_experiment_id_experiments_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("experiment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "experiments_creation_time_idx" ON "experiments" USING btree ("creation_time","experiment_id");--> statement-breakpoint
CREATE INDEX "runs_experiment_start_idx" ON "runs" USING btree ("experiment_id","start_time" DESC NULLS LAST,"run_uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "datasets_uuid_idx" ON "datasets" USING btree ("dataset_uuid");--> statement-breakpoint
CREATE UNIQUE INDEX "inputs_uuid_idx" ON "inputs" USING btree ("input_uuid");--> statement-breakpoint
CREATE INDEX "inputs_destination_idx" ON "inputs" USING btree ("destination_type","destination_id");--> statement-breakpoint
CREATE INDEX "logged_models_experiment_idx" ON "logged_models" USING btree ("experiment_id","creation_timestamp_ms");