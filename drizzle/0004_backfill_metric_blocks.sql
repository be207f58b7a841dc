-- Custom SQL migration file, put your code below! --
-- Chart summaries of the history logged before metric_blocks existed (the write path keeps them
-- from now on): the finest width of each axis from the points, each coarser one from the finer.
INSERT INTO "metric_blocks" ("run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point")
SELECT "run_uuid", "key", 'step', 16, floor("step"::float8 / 16)::int8, count(*),
       min(array["step", "step", "timestamp", v]::float8[]), max(array["step", "step", "timestamp", v]::float8[]),
       min(array[v, "step", "step", "timestamp"]::float8[]) FILTER (WHERE NOT "is_nan"),
       max(array[v, "step", "step", "timestamp"]::float8[]) FILTER (WHERE NOT "is_nan")
FROM (SELECT *, CASE WHEN "is_nan" THEN 'NaN'::float8 ELSE "value" END AS v FROM "metrics") p
GROUP BY "run_uuid", "key", 5;--> statement-breakpoint
INSERT INTO "metric_blocks" ("run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point")
SELECT "run_uuid", "key", 'step', 256, floor("block"::float8 * 16 / 256)::int8, sum("count")::int8,
       min("first_point"), max("last_point"), min("min_point"), max("max_point")
FROM "metric_blocks" WHERE "axis" = 'step' AND "width" = 16
GROUP BY "run_uuid", "key", 5;--> statement-breakpoint
INSERT INTO "metric_blocks" ("run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point")
SELECT "run_uuid", "key", 'step', 4096, floor("block"::float8 * 256 / 4096)::int8, sum("count")::int8,
       min("first_point"), max("last_point"), min("min_point"), max("max_point")
FROM "metric_blocks" WHERE "axis" = 'step' AND "width" = 256
GROUP BY "run_uuid", "key", 5;--> statement-breakpoint
INSERT INTO "metric_blocks" ("run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point")
SELECT "run_uuid", "key", 'step', 65536, floor("block"::float8 * 4096 / 65536)::int8, sum("count")::int8,
       min("first_point"), max("last_point"), min("min_point"), max("max_point")
FROM "metric_blocks" WHERE "axis" = 'step' AND "width" = 4096
GROUP BY "run_uuid", "key", 5;--> statement-breakpoint
INSERT INTO "metric_blocks" ("run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point")
SELECT "run_uuid", "key", 'time', 1024, floor("timestamp"::float8 / 1024)::int8, count(*),
       min(array["timestamp", "step", "timestamp", v]::float8[]), max(array["timestamp", "step", "timestamp", v]::float8[]),
       min(array[v, "timestamp", "step", "timestamp"]::float8[]) FILTER (WHERE NOT "is_nan"),
       max(array[v, "timestamp", "step", "timestamp"]::float8[]) FILTER (WHERE NOT "is_nan")
FROM (SELECT *, CASE WHEN "is_nan" THEN 'NaN'::float8 ELSE "value" END AS v FROM "metrics") p
GROUP BY "run_uuid", "key", 5;--> statement-breakpoint
INSERT INTO "metric_blocks" ("run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point")
SELECT "run_uuid", "key", 'time', 16384, floor("block"::float8 * 1024 / 16384)::int8, sum("count")::int8,
       min("first_point"), max("last_point"), min("min_point"), max("max_point")
FROM "metric_blocks" WHERE "axis" = 'time' AND "width" = 1024
GROUP BY "run_uuid", "key", 5;--> statement-breakpoint
INSERT INTO "metric_blocks" ("run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point")
SELECT "run_uuid", "key", 'time', 262144, floor("block"::float8 * 16384 / 262144)::int8, sum("count")::int8,
       min("first_point"), max("last_point"), min("min_point"), max("max_point")
FROM "metric_blocks" WHERE "axis" = 'time' AND "width" = 16384
GROUP BY "run_uuid", "key", 5;--> statement-breakpoint
INSERT INTO "metric_blocks" ("run_uuid", "key", "axis", "width", "block", "count", "first_point", "last_point", "min_point", "max_point")
SELECT "run_uuid", "key", 'time', 4194304, floor("block"::float8 * 262144 / 4194304)::int8, sum("count")::int8,
       min("first_point"), max("last_point"), min("min_point"), max("max_point")
FROM "metric_blocks" WHERE "axis" = 'time' AND "width" = 262144
GROUP BY "run_uuid", "key", 5;
