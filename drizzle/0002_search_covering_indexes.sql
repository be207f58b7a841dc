DROP INDEX "latest_metrics_key_value_idx";--> statement-breakpoint
DROP INDEX "params_key_value_idx";--> statement-breakpoint
DROP INDEX "tags_key_value_idx";--> statement-breakpoint
ALTER TABLE "params" ADD COLUMN "value_prefix" text GENERATED ALWAYS AS (left(value, 200)) STORED;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "value_prefix" text GENERATED ALWAYS AS (left(value, 200)) STORED;--> statement-breakpoint
CREATE INDEX "latest_metrics_key_value_idx" ON "latest_metrics" USING btree ("key","is_nan","value","run_uuid");--> statement-breakpoint
CREATE INDEX "params_key_value_idx" ON "params" USING btree ("key","value_prefix","run_uuid");--> statement-breakpoint
CREATE INDEX "tags_key_value_idx" ON "tags" USING btree ("key","value_prefix","run_uuid");