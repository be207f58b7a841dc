-- Custom SQL migration file, put your code below! --
-- A search that walks one metric's order probes each walked run's other conditions by (run, key): these
-- primary keys carry the compared columns, so each probe is an index-only scan (no heap page per run).
-- Drizzle's schema cannot say INCLUDE; the constraints keep their names and columns.
ALTER TABLE "params" DROP CONSTRAINT "params_run_uuid_key_pk", ADD CONSTRAINT "params_run_uuid_key_pk" PRIMARY KEY ("run_uuid", "key") INCLUDE ("value_prefix");--> statement-breakpoint
ALTER TABLE "tags" DROP CONSTRAINT "tags_run_uuid_key_pk", ADD CONSTRAINT "tags_run_uuid_key_pk" PRIMARY KEY ("run_uuid", "key") INCLUDE ("value_prefix");--> statement-breakpoint
ALTER TABLE "latest_metrics" DROP CONSTRAINT "latest_metrics_run_uuid_key_pk", ADD CONSTRAINT "latest_metrics_run_uuid_key_pk" PRIMARY KEY ("run_uuid", "key") INCLUDE ("is_nan", "value");
