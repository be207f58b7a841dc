DROP INDEX "logged_models_experiment_idx";--> statement-breakpoint
ALTER TABLE "logged_model_metrics" DROP CONSTRAINT "logged_model_metrics_model_id_metric_name_metric_timestamp_ms_metric_step_run_id_pk";--> statement-breakpoint
ALTER TABLE "inputs" ALTER COLUMN "step" SET DATA TYPE bigint;--> statement-breakpoint
CREATE INDEX "logged_model_metrics_name_dataset_idx" ON "logged_model_metrics" USING btree ("metric_name","dataset_name","model_id","metric_timestamp_ms" DESC NULLS LAST,"metric_step" DESC NULLS LAST,"dataset_digest","metric_value");--> statement-breakpoint
CREATE INDEX "logged_model_metrics_run_idx" ON "logged_model_metrics" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "logged_models_experiment_idx" ON "logged_models" USING btree ("experiment_id","creation_timestamp_ms" DESC NULLS LAST,"model_id");--> statement-breakpoint
ALTER TABLE "logged_model_metrics" ADD CONSTRAINT "logged_model_metrics_point_key" UNIQUE NULLS NOT DISTINCT("model_id","metric_name","metric_timestamp_ms","metric_step","run_id","dataset_name","dataset_digest");