import { renderMetrics } from "../observability/metrics";
import type { RestReply } from "./http/exchange";

/** GET /metrics: the process's request, latency, error and ingest counters in Prometheus text format. */
export async function serveMetrics(): Promise<RestReply> {
  const { body, contentType } = await renderMetrics();
  return { status: 200, headers: { "content-type": contentType, "cache-control": "no-store" }, body };
}
