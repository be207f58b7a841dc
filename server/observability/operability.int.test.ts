import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, type TestServer } from "../testing/test-server";

// /ready, /metrics and request ids on a real `metron server`, through both doors: the fast path
// (log-batch, /metrics) and Next (/version, a page). Once, in the PGlite project: nothing here differs by
// driver but the database pool's gauges, checked on each project's shared server at the end.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const JSON_HEADERS = { "content-type": "application/json" };

describe.runIf(inject("driver") === "pglite")("operability endpoints", () => {
  let server: TestServer;
  let runId = "";

  beforeAll(async () => {
    server = await startTestServer("pglite", { env: { METRON_LOG_LEVEL: "info" } });
    const post = (path: string, body: unknown) =>
      fetch(`${server.baseUrl}/api/2.0/mlflow/${path}`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }).then((r) => r.json());
    const { experiment_id } = await post("experiments/create", { name: "ops" });
    runId = (await post("runs/create", { experiment_id })).run.info.run_id;
    const metrics = Array.from({ length: 7 }, (_, step) => ({ key: "loss", value: step, timestamp: 1, step }));
    await post("runs/log-batch", { run_id: runId, metrics, params: [{ key: "p", value: "1" }] });
    await post("runs/log-metric", { run_id: runId, key: "acc", value: 0.5, timestamp: 1, step: 0 });
    await post("runs/log-batch", { run_id: "no-such-run", metrics: [{ key: "x", value: 1, timestamp: 1, step: 0 }] });
  }, 120_000);

  afterAll(() => server?.stop());

  it("/ready answers OK once the database is open and migrated", async () => {
    const res = await fetch(`${server.baseUrl}/ready`);
    expect([res.status, await res.text()]).toEqual([200, "OK"]);
  });

  it("/metrics counts requests per route template and status class, and the points stored", async () => {
    await fetch(`${server.baseUrl}/api/2.0/mlflow/runs/get?run_id=${runId}`);
    const res = await fetch(`${server.baseUrl}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    const text = await res.text();
    // 7 + 1 stored; the batch for a missing run stored none.
    expect(text).toMatch(/^metron_ingest_metric_points_total 8$/m);
    expect(text).toMatch(/^metron_http_requests_total\{method="POST",route="\/api\/2\.0\/mlflow\/runs\/log-batch",status_class="2xx"\} 1$/m);
    expect(text).toMatch(/^metron_http_requests_total\{method="POST",route="\/api\/2\.0\/mlflow\/runs\/log-batch",status_class="4xx"\} 1$/m);
    expect(text).toMatch(/^metron_http_requests_total\{method="GET",route="\/api\/2\.0\/mlflow\/runs\/get",status_class="2xx"\} 1$/m);
    expect(text).toMatch(/^metron_http_request_duration_seconds_count\{method="POST",route="\/api\/2\.0\/mlflow\/runs\/log-metric"\} 1$/m);
    expect(text).toMatch(/^metron_process_resident_memory_bytes \d+$/m);
    // Raw paths never become labels: the run id appears nowhere.
    expect(text).not.toContain(runId);
  });

  it("/metrics shows the embedded database's one connection, busy during concurrent writes and idle after", async () => {
    const samples = await scrapesDuring(server.baseUrl, () => concurrentWrites(server.baseUrl, runId));
    for (const pools of samples) {
      expect(pools.embedded.max).toBe(1);
      expect(pools.embedded.open).toBe(1);
      expect(pools.embedded.inUse).toBeGreaterThanOrEqual(0);
      expect(pools.embedded.inUse).toBeLessThanOrEqual(1);
      expect(pools.embedded.waiting).toBeGreaterThanOrEqual(0);
    }
    expect((await scrapePools(server.baseUrl)).embedded).toEqual({ max: 1, open: 1, inUse: 0, waiting: 0 });
  });

  it.each([
    ["the fast path", "/health"],
    ["Next's route files", "/version"],
    ["a Next page", "/"],
  ])("echoes a sane x-request-id and replaces anything else, through %s", async (_, path) => {
    const echoed = await fetch(`${server.baseUrl}${path}`, { headers: { "x-request-id": "trace-42.a:b" } });
    expect(echoed.headers.get("x-request-id")).toBe("trace-42.a:b");
    for (const given of [undefined, "x".repeat(129), "a b"]) {
      const res = await fetch(`${server.baseUrl}${path}`, { headers: given === undefined ? {} : { "x-request-id": given } });
      expect(res.headers.get("x-request-id"), String(given)).toMatch(UUID);
    }
  });

  it("writes the request id on the access log line", async () => {
    await fetch(`${server.baseUrl}/version`, { headers: { "x-request-id": "logged-id-7" } });
    const deadline = Date.now() + 5000;
    while (!server.output().includes('"requestId":"logged-id-7"') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const line = server.output().split("\n").find((l) => l.includes('"requestId":"logged-id-7"'));
    expect(JSON.parse(line!)).toMatchObject({ msg: "request", method: "GET", path: "/version", status: 200, requestId: "logged-id-7" });
  });
});

// The shared server of the PostgreSQL project (other test files use it too: only bounds can be asserted).
describe.runIf(inject("driver") === "postgres")("database pool gauges on PostgreSQL", () => {
  it("/metrics shows the main and search pools' connections within their sizes during concurrent requests", async () => {
    const baseUrl = inject("baseUrl");
    const post = (path: string, body: unknown) =>
      fetch(`${baseUrl}/api/2.0/mlflow/${path}`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify(body) }).then((r) => r.json());
    const { experiment_id } = await post("experiments/create", { name: `pool-gauges-${Date.now()}` });
    const runId = (await post("runs/create", { experiment_id })).run.info.run_id;
    const search = () => post("runs/search", { experiment_ids: [experiment_id] });
    const samples = await scrapesDuring(baseUrl, () => Promise.all([concurrentWrites(baseUrl, runId), ...Array.from({ length: 4 }, search)]));
    for (const pools of samples) {
      expect([pools.main.max, pools.search.max]).toEqual([10, 4]);
      for (const pool of [pools.main, pools.search]) {
        expect(pool.open).toBeLessThanOrEqual(pool.max);
        expect(pool.inUse).toBeGreaterThanOrEqual(0);
        expect(pool.inUse).toBeLessThanOrEqual(pool.open);
        expect(pool.waiting).toBeGreaterThanOrEqual(0);
      }
    }
    // The requests above opened connections, and idle ones stay open a minute.
    expect(samples.at(-1)!.main.open).toBeGreaterThanOrEqual(1);
    expect(samples.at(-1)!.search.open).toBeGreaterThanOrEqual(1);
  });
});

type PoolGauges = { max: number; open: number; inUse: number; waiting: number };

async function scrapePools(baseUrl: string): Promise<Record<string, PoolGauges>> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const pools: Record<string, PoolGauges> = {};
  const series = { max_connections: "max", open_connections: "open", connections_in_use: "inUse", waiting_queries: "waiting" } as const;
  for (const [, name, pool, value] of text.matchAll(/^metron_db_pool_(\w+)\{pool="(\w+)"\} (\d+)$/gm)) {
    pools[pool] ??= { max: -1, open: -1, inUse: -1, waiting: -1 };
    pools[pool][series[name as keyof typeof series]] = Number(value);
  }
  return pools;
}

/** /metrics scraped every few milliseconds while `work` runs, and once after. */
async function scrapesDuring(baseUrl: string, work: () => Promise<unknown>): Promise<Record<string, PoolGauges>[]> {
  const samples: Record<string, PoolGauges>[] = [];
  let done = false;
  const working = work().finally(() => (done = true));
  while (!done) samples.push(await scrapePools(baseUrl));
  await working;
  samples.push(await scrapePools(baseUrl));
  return samples;
}

/** Eight clients logging ten batches each into one run. */
function concurrentWrites(baseUrl: string, runId: string): Promise<unknown> {
  return Promise.all(
    Array.from({ length: 8 }, async (_, client) => {
      for (let i = 0; i < 10; i++) {
        const metrics = Array.from({ length: 20 }, (_, k) => ({ key: `c${client}`, value: k, timestamp: 1, step: i * 20 + k }));
        const res = await fetch(`${baseUrl}/api/2.0/mlflow/runs/log-batch`, { method: "POST", headers: JSON_HEADERS, body: JSON.stringify({ run_id: runId, metrics }) });
        expect(res.status).toBe(200);
      }
    }),
  );
}
