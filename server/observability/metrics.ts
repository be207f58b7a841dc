import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import { poolUsages, type PoolUsage } from "../db/pool-usage";
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
    ...poolGauges(registry),
  };
}

/**
 * Database pool usage, read at each scrape (server/db/pool-usage.ts). A statement beyond one per open
 * connection waits: for a connection being opened, or behind another statement (postgres-js queues or
 * pipelines it); PGlite has one connection and runs one statement at a time.
 */
function poolGauges(registry: Registry) {
  const gauge = (name: string, help: string, value: (usage: PoolUsage) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ["pool"] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [pool, usage] of poolUsages()) this.set({ pool }, value(usage));
      },
    });
  return {
    poolMax: gauge("metron_db_pool_max_connections", "Connections the database pool may open (PGlite: its one)", (u) => u.max),
    poolOpen: gauge("metron_db_pool_open_connections", "Database connections open now", (u) => u.open),
    poolInUse: gauge("metron_db_pool_connections_in_use", "Open connections running a statement or holding a transaction", (u) => Math.min(u.inFlight, u.open)),
    poolWaiting: gauge("metron_db_pool_waiting_queries", "Statements and transactions sent but waiting for a connection, or behind another statement on one", (u) =>
      Math.max(0, u.inFlight - u.open),
    ),
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
