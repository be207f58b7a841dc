-- Custom SQL migration file, put your code below! --
-- Per-experiment locality (issue 18): params, tags and latest_metrics carry their run's experiment,
-- and the indexes that searches, orders and key lookups walk lead with it, so that a query on one
-- experiment never passes the rows of other experiments that log the same key names.
ALTER TABLE "params" ADD COLUMN "experiment_id" integer;--> statement-breakpoint
ALTER TABLE "tags" ADD COLUMN "experiment_id" integer;--> statement-breakpoint
ALTER TABLE "latest_metrics" ADD COLUMN "experiment_id" integer;--> statement-breakpoint
UPDATE "params" p SET "experiment_id" = r."experiment_id" FROM "runs" r WHERE r."run_uuid" = p."run_uuid";--> statement-breakpoint
UPDATE "tags" t SET "experiment_id" = r."experiment_id" FROM "runs" r WHERE r."run_uuid" = t."run_uuid";--> statement-breakpoint
UPDATE "latest_metrics" m SET "experiment_id" = r."experiment_id" FROM "runs" r WHERE r."run_uuid" = m."run_uuid";--> statement-breakpoint
-- latest_metrics has no foreign key: rows of runs already gone are garbage nobody can read.
DELETE FROM "latest_metrics" WHERE "experiment_id" IS NULL;--> statement-breakpoint
ALTER TABLE "params" ALTER COLUMN "experiment_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tags" ALTER COLUMN "experiment_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "latest_metrics" ALTER COLUMN "experiment_id" SET NOT NULL;--> statement-breakpoint
DROP INDEX "params_key_value_idx";--> statement-breakpoint
DROP INDEX "latest_metrics_key_value_idx";--> statement-breakpoint
CREATE INDEX "params_experiment_key_value_idx" ON "params" USING btree ("experiment_id","key","value_prefix","run_uuid");--> statement-breakpoint
CREATE INDEX "tags_experiment_key_value_idx" ON "tags" USING btree ("experiment_id","key","value_prefix","run_uuid");--> statement-breakpoint
CREATE INDEX "latest_metrics_experiment_key_value_idx" ON "latest_metrics" USING btree ("experiment_id","key","is_nan","value","run_uuid");--> statement-breakpoint
-- A run moved to another experiment takes its rows along (no Metron verb moves runs today; this
-- keeps the copies right for any writer that does, including SQL by hand).
CREATE FUNCTION "metron_run_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "params" SET "experiment_id" = NEW."experiment_id" WHERE "run_uuid" = NEW."run_uuid";
  UPDATE "tags" SET "experiment_id" = NEW."experiment_id" WHERE "run_uuid" = NEW."run_uuid";
  UPDATE "latest_metrics" SET "experiment_id" = NEW."experiment_id" WHERE "run_uuid" = NEW."run_uuid";
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "runs_moved" AFTER UPDATE OF "experiment_id" ON "runs" FOR EACH ROW
  WHEN (OLD."experiment_id" IS DISTINCT FROM NEW."experiment_id") EXECUTE FUNCTION "metron_run_moved"();
