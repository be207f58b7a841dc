CREATE TABLE "metric_block_backlog" (
	"run_uuid" varchar(32) NOT NULL,
	"key" varchar(250) NOT NULL,
	"min_step" bigint NOT NULL,
	"min_timestamp" bigint NOT NULL,
	CONSTRAINT "metric_block_backlog_run_uuid_key_pk" PRIMARY KEY("run_uuid","key")
);
