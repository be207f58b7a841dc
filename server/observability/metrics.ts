import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { processSingleton } from "../process-singleton";

// The process's Prometheus metrics. One registry per process (process-singleton.ts): the REST fast
// path's bundle and Next's bundle both load this module, and both must count into the same series.

function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: "metron_" });
  return {
    registry,
    requests: new Counter({
      name: "metron_http_requests_total",
      help: "HTTP requests answered, by method, route template and status class (2xx, 4xx, 5xx…)",
      labelNames: ["method", "route", "status_class"] as const,
      registers: [registry],
    }),
    errors: new Counter({
      name: "metron_http_server_errors_total",
      help: "HTTP requests answered with a 5xx status or aborted before the answer was complete",
      labelNames: ["method", "route"] as const,
      registers: [registry],
    }),
    latency: new Histogram({
      name: "metron_http_request_duration_seconds",
      help: "Time from the request's arrival to the end of its answer, by method and route template",
      labelNames: ["method", "route"] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    ingestPoints: new Counter({
      name: "metron_ingest_metric_points_total",
      help: "Metric points acknowledged by log-metric and log-batch (a client's retry of a stored batch counts again)",
      registers: [registry],
    }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function metrics(): Metrics {
  return processSingleton("prometheus-metrics", createMetrics);
}

/** Records one answered request (aborted: the client left before the answer was complete). */
export function recordRequest(method: string, route: string, status: number, seconds: number, aborted: boolean): void {
  const m = metrics();
  m.requests.inc({ method, route, status_class: `${Math.floor(status / 100)}xx` });
  m.latency.observe({ method, route }, seconds);
  if (status >= 500 || aborted) m.errors.inc({ method, route });
}

/** Counts metric points a write just stored. */
export function countIngestedPoints(points: number): void {
  if (points > 0) metrics().ingestPoints.inc(points);
}

/** The Prometheus text exposition of every metric, with its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = metrics();
  return { body: await registry.metrics(), contentType: registry.contentType };
}
