CREATE TABLE "metric_blocks" (
	"run_uuid" varchar(32) NOT NULL,
	"key" varchar(250) NOT NULL,
	"axis" varchar(4) NOT NULL,
	"width" bigint NOT NULL,
	"block" bigint NOT NULL,
	"count" bigint NOT NULL,
	"first_point" double precision[] NOT NULL,
	"last_point" double precision[] NOT NULL,
	"min_point" double precision[],
	"max_point" double precision[],
	CONSTRAINT "metric_blocks_run_uuid_key_axis_width_block_pk" PRIMARY KEY("run_uuid","key","axis","width","block")
);
--> statement-breakpoint
CREATE INDEX "metrics_run_key_timestamp_idx" ON "metrics" USING btree ("run_uuid","key","timestamp") WHERE "timestamp" >= 0;