-- Custom SQL migration file, put your code below! --
-- The key catalog (issue 18): which param, metric and tag keys each experiment's runs have, so that
-- the runs table's columns and the filter box's suggestions cost O(keys), not a walk of the runs.
-- Kept by statement triggers in the writing transaction: every writer (REST, tRPC, import, COPY)
-- is covered, and a key already known costs one index probe per statement. Keys are never removed
-- while the experiment exists (a deleted tag's key stays offered, as a column that is empty).
CREATE TABLE "experiment_keys" (
	"experiment_id" integer NOT NULL,
	"kind" varchar(6) NOT NULL,
	"key" varchar(250) NOT NULL,
	CONSTRAINT "experiment_keys_experiment_id_kind_key_pk" PRIMARY KEY("experiment_id","kind","key")
);--> statement-breakpoint
ALTER TABLE "experiment_keys" ADD CONSTRAINT "experiment_keys_experiment_id_experiments_experiment_id_fk" FOREIGN KEY ("experiment_id") REFERENCES "public"."experiments"("experiment_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "experiment_keys" SELECT DISTINCT "experiment_id", 'param', "key" FROM "params";--> statement-breakpoint
INSERT INTO "experiment_keys" SELECT DISTINCT "experiment_id", 'tag', "key" FROM "tags";--> statement-breakpoint
INSERT INTO "experiment_keys" SELECT DISTINCT "experiment_id", 'metric', "key" FROM "latest_metrics";--> statement-breakpoint
-- Sorted so that concurrent writers of the same new keys take their locks in one order.
CREATE FUNCTION "metron_catalog_keys"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO "experiment_keys" ("experiment_id", "kind", "key")
  SELECT DISTINCT "experiment_id", TG_ARGV[0], "key" FROM "new_rows" ORDER BY 1, 3
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER "params_catalog" AFTER INSERT ON "params" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "metron_catalog_keys"('param');--> statement-breakpoint
CREATE TRIGGER "tags_catalog" AFTER INSERT ON "tags" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "metron_catalog_keys"('tag');--> statement-breakpoint
CREATE TRIGGER "latest_metrics_catalog" AFTER INSERT ON "latest_metrics" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "metron_catalog_keys"('metric');--> statement-breakpoint
-- A run that changes experiment brings its keys to the new one (see metron_run_moved).
CREATE OR REPLACE FUNCTION "metron_run_moved"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "params" SET "experiment_id" = NEW."experiment_id" WHERE "run_uuid" = NEW."run_uuid";
  UPDATE "tags" SET "experiment_id" = NEW."experiment_id" WHERE "run_uuid" = NEW."run_uuid";
  UPDATE "latest_metrics" SET "experiment_id" = NEW."experiment_id" WHERE "run_uuid" = NEW."run_uuid";
  INSERT INTO "experiment_keys" ("experiment_id", "kind", "key")
  SELECT NEW."experiment_id", k.kind, k.key FROM (
    SELECT 'param' AS kind, "key" FROM "params" WHERE "run_uuid" = NEW."run_uuid"
    UNION SELECT 'tag', "key" FROM "tags" WHERE "run_uuid" = NEW."run_uuid"
    UNION SELECT 'metric', "key" FROM "latest_metrics" WHERE "run_uuid" = NEW."run_uuid"
  ) k ORDER BY 2, 3
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
