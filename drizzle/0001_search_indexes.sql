CREATE INDEX "latest_metrics_key_value_idx" ON "latest_metrics" USING btree ("key","is_nan","value");--> statement-breakpoint
CREATE INDEX "params_key_value_idx" ON "params" USING btree ("key",left("value", 200));--> statement-breakpoint
CREATE INDEX "tags_key_value_idx" ON "tags" USING btree ("key",left("value", 200));