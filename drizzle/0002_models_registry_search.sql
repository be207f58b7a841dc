CREATE TABLE "model_version_tags" (
	"name" varchar(256) NOT NULL,
	"version" integer NOT NULL,
	"key" varchar(250) NOT NULL,
	"value" varchar(5000) NOT NULL,
	CONSTRAINT "model_version_tags_name_version_key_pk" PRIMARY KEY("name","version","key")
);
--> statement-breakpoint
CREATE TABLE "model_versions" (
	"name" varchar(256) NOT NULL,
	"version" integer NOT NULL,
	"creation_time" bigint NOT NULL,
	"last_updated_time" bigint NOT NULL,
	"description" varchar(5000),
	"user_id" varchar(256),
	"current_stage" varchar(20) DEFAULT 'None' NOT NULL,
	"source" text,
	"storage_location" text,
	"run_id" varchar(32),
	"run_link" varchar(500),
	"status" varchar(20) DEFAULT 'READY' NOT NULL,
	"status_message" varchar(500),
	"model_id" varchar(64),
	CONSTRAINT "model_versions_name_version_pk" PRIMARY KEY("name","version")
);
--> statement-breakpoint
CREATE TABLE "registered_model_aliases" (
	"name" varchar(256) NOT NULL,
	"alias" varchar(256) NOT NULL,
	"version" integer NOT NULL,
	CONSTRAINT "registered_model_aliases_name_alias_pk" PRIMARY KEY("name","alias")
);
--> statement-breakpoint
CREATE TABLE "registered_model_tags" (
	"name" varchar(256) NOT NULL,
	"key" varchar(250) NOT NULL,
	"value" varchar(5000) NOT NULL,
	CONSTRAINT "registered_model_tags_name_key_pk" PRIMARY KEY("name","key")
);
--> statement-breakpoint
CREATE TABLE "registered_models" (
	"name" varchar(256) PRIMARY KEY NOT NULL,
	"creation_time" bigint NOT NULL,
	"last_updated_time" bigint NOT NULL,
	"description" varchar(5000)
);
--> statement-breakpoint
DROP INDEX "latest_metrics_key_value_idx";--> statement-breakpoint
DROP INDEX "params_key_value_idx";--> statement-breakpoint
DROP INDEX "tags_key_value_idx";--> statement-breakpoint
DROP INDEX "logged_models_experiment_idx";--> statement-breakpoint
ALTER TABLE "logged_model_metrics" DROP CONSTRAINT "logged_model_metrics_model_id_metric_name_metric_timestamp_ms_metric_step_run_id_pk";--> statement-breakpoint
ALTER TABLE "inputs" ALTER COLUMN "step" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "params" ADD COLUMN "value_prefix" text GENERATED ALWAYS AS (left(value, 200)) STORED;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "value_prefix" text GENERATED ALWAYS AS (left(value, 200)) STORED;--> statement-breakpoint
ALTER TABLE "model_version_tags" ADD CONSTRAINT "model_version_tags_name_version_model_versions_name_version_fk" FOREIGN KEY ("name","version") REFERENCES "public"."model_versions"("name","version") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "model_versions" ADD CONSTRAINT "model_versions_name_registered_models_name_fk" FOREIGN KEY ("name") REFERENCES "public"."registered_models"("name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "registered_model_aliases" ADD CONSTRAINT "registered_model_aliases_name_registered_models_name_fk" FOREIGN KEY ("name") REFERENCES "public"."registered_models"("name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "registered_model_tags" ADD CONSTRAINT "registered_model_tags_name_registered_models_name_fk" FOREIGN KEY ("name") REFERENCES "public"."registered_models"("name") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
CREATE INDEX "model_versions_run_id_idx" ON "model_versions" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "model_versions_last_updated_idx" ON "model_versions" USING btree ("last_updated_time" DESC NULLS LAST,"name","version" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "registered_models_last_updated_idx" ON "registered_models" USING btree ("last_updated_time","name");--> statement-breakpoint
CREATE INDEX "registered_models_creation_idx" ON "registered_models" USING btree ("creation_time","name");--> statement-breakpoint
CREATE INDEX "logged_model_metrics_name_dataset_idx" ON "logged_model_metrics" USING btree ("metric_name","dataset_name","model_id","metric_timestamp_ms" DESC NULLS LAST,"metric_step" DESC NULLS LAST,"dataset_digest","metric_value");--> statement-breakpoint
CREATE INDEX "logged_model_metrics_run_idx" ON "logged_model_metrics" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "latest_metrics_key_value_idx" ON "latest_metrics" USING btree ("key","is_nan","value","run_uuid");--> statement-breakpoint
CREATE INDEX "params_key_value_idx" ON "params" USING btree ("key","value_prefix","run_uuid");--> statement-breakpoint
CREATE INDEX "tags_key_value_idx" ON "tags" USING btree ("key","value_prefix","run_uuid");--> statement-breakpoint
CREATE INDEX "logged_models_experiment_idx" ON "logged_models" USING btree ("experiment_id","creation_timestamp_ms" DESC NULLS LAST,"model_id");--> statement-breakpoint
ALTER TABLE "logged_model_metrics" ADD CONSTRAINT "logged_model_metrics_point_key" UNIQUE NULLS NOT DISTINCT("model_id","metric_name","metric_timestamp_ms","metric_step","run_id","dataset_name","dataset_digest");