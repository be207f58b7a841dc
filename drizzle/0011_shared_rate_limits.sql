-- Rate limits shared by every replica (issue 21): failed sign-ins per name and address, and each API token's
-- request bucket. Per process, N replicas behind a load balancer gave N times the allowance.
CREATE TABLE "sign_in_failures" (
	"key_hash" varchar(64) NOT NULL,
	"attempt_time" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "token_request_buckets" (
	"token_id" integer PRIMARY KEY NOT NULL,
	"available" double precision NOT NULL,
	"updated_time" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "token_request_buckets" ADD CONSTRAINT "token_request_buckets_token_id_api_tokens_id_fk" FOREIGN KEY ("token_id") REFERENCES "public"."api_tokens"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sign_in_failures_key_time_idx" ON "sign_in_failures" USING btree ("key_hash","attempt_time");--> statement-breakpoint
CREATE INDEX "sign_in_failures_time_idx" ON "sign_in_failures" USING btree ("attempt_time");
