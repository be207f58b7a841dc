import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ingestMetric, newIngestLog, sleep, tallyPoints } from "../testing/retrying-ingest";
import { startTcpProxy, type TcpProxy } from "../testing/tcp-proxy";
import { dropDatabase, startTestServer, TEST_DATABASE_URL, type TestServer } from "../testing/test-server";

// Issue #12 item 4: with PostgreSQL out of reach the server answers 503 TEMPORARILY_UNAVAILABLE (clients
// retry it) in bounded time, /health says so, requests succeed once it is back, and shutdown stays clean.
// The database sits behind the test's own TCP relay (tcp-proxy.ts): the shared cluster is never touched.

const UNAVAILABLE = { error_code: "TEMPORARILY_UNAVAILABLE", message: "The database is temporarily unreachable; retry the request shortly." };
const CONNECT_TIMEOUT_S = 2;

interface Answer {
  status: number;
  body: unknown;
  ms: number;
  retryAfter: string | null;
}

describe.runIf(inject("driver") === "postgres")("PostgreSQL outage", { timeout: 60_000 }, () => {
  const direct = new URL(TEST_DATABASE_URL);
  direct.pathname = `${direct.pathname}_dbdown`;
  let proxy: TcpProxy;
  let server: TestServer;
  let output = "";
  let runId = "";

  beforeAll(async () => {
    proxy = await startTcpProxy({ host: direct.hostname, port: Number(direct.port || 5432) });
    const viaProxy = new URL(direct);
    viaProxy.hostname = "127.0.0.1";
    viaProxy.port = String(proxy.port);
    server = await startTestServer("postgres", { databaseUrl: viaProxy.toString(), env: { METRON_DB_CONNECT_TIMEOUT: String(CONNECT_TIMEOUT_S), METRON_DRAIN_TIMEOUT: "1" } });
    server.process.stdout!.on("data", (chunk) => (output += chunk));
    server.process.stderr!.on("data", (chunk) => (output += chunk));
    const created = await call("POST", "/api/2.0/mlflow/runs/create", { experiment_id: "0" });
    runId = (created.body as { run: { info: { run_id: string } } }).run.info.run_id;
  });

  afterAll(async () => {
    await server?.stop();
    await proxy?.close();
    await dropDatabase(direct.toString());
  });

  async function call(method: string, path: string, body?: unknown): Promise<Answer> {
    const started = performance.now();
    const res = await fetch(`${server.baseUrl}${path}`, {
      signal: AbortSignal.timeout(20_000), // a hung request fails the test instead of stalling it
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // plain text (/health)
    }
    return { status: res.status, body: parsed, ms: performance.now() - started, retryAfter: res.headers.get("retry-after") };
  }

  /** One call of each kind the server serves from the database: REST reads and writes, tRPC, downloads, CSV, /health, /ready. */
  const everyDoor = () => [
    call("GET", "/api/2.0/mlflow/experiments/get?experiment_id=0"),
    call("POST", "/api/2.0/mlflow/runs/log-metric", { run_id: runId, key: "loss", value: 0.5, timestamp: Date.now(), step: 1 }),
    call("POST", "/ajax-api/2.0/mlflow/runs/search", { experiment_ids: ["0"] }),
    call("GET", `/api/trpc/experimentList.search?input=${encodeURIComponent(JSON.stringify({ filter: "" }))}`),
    call("GET", `/get-artifact?run_id=${runId}&path=a.txt`),
    call("GET", "/api/ui/experiments/0/runs.csv"),
    call("GET", "/health"),
    call("GET", "/ready"),
  ];

  function expectUnavailable(answers: Answer[], withinMs: number) {
    const [rest, write, search, trpc, download, csv, health, ready] = answers;
    for (const answer of [rest, write, search, download, csv]) expect(answer.body).toEqual(UNAVAILABLE);
    expect([rest, write, search, download, csv].map((a) => [a.status, a.retryAfter])).toEqual(Array(5).fill([503, "1"]));
    expect([trpc.status, (trpc.body as { error: { data: { code: string } } }).error.data.code]).toEqual([503, "SERVICE_UNAVAILABLE"]);
    expect([health.status, String(health.body)]).toEqual([503, expect.stringMatching(/^Unavailable: database unreachable \(/)]);
    expect([ready.status, String(ready.body)]).toEqual([503, expect.stringMatching(/^Not ready: database unreachable \([^\n]*$/)]);
    for (const answer of answers) expect(answer.ms).toBeLessThan(withinMs);
  }

  async function expectAllSucceed() {
    const answers = await Promise.all(everyDoor());
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 404, 200, 200, 200]);
    expect([answers[6].body, answers[7].body]).toEqual(["OK", "OK"]);
  }

  /**
   * Calls every door until all of them serve (each may answer 503 meanwhile: a pooled connection still
   * backing off from the outage); returns how long that took.
   */
  async function msUntilServing(since: number): Promise<number> {
    for (;;) {
      const statuses = (await Promise.all(everyDoor())).map((a) => a.status);
      if (statuses.join() === "200,200,200,200,404,200,200,200") return performance.now() - since;
      for (const status of statuses) expect([200, 404, 503]).toContain(status);
      if (performance.now() - since > 10_000) throw new Error("still unavailable 10 s after the database came back");
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  it("answers 503 TEMPORARILY_UNAVAILABLE at once while the database refuses connections, and serves again within a second", async () => {
    await expectAllSucceed();
    await proxy.refuse();
    // Twice: the second round finds a pool whose every connection has already failed.
    expectUnavailable(await Promise.all(everyDoor()), 2000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expectUnavailable(await Promise.all(everyDoor()), 2000);

    const backAt = performance.now();
    await proxy.restore();
    expect(await msUntilServing(backAt)).toBeLessThan(1000);
    for (let i = 0; i < 5; i++) await expectAllSucceed();
  });

  it("answers 503 within the connect timeout when the database host black-holes connections, instead of hanging", async () => {
    await proxy.blackhole();
    expectUnavailable(await Promise.all(everyDoor()), CONNECT_TIMEOUT_S * 1000 + 1500);
    const backAt = performance.now();
    await proxy.restore();
    expect(await msUntilServing(backAt)).toBeLessThan(1000);
    await expectAllSucceed();
  });

  it("replaces connections whose backends were terminated (a database restart) without failing a request", async () => {
    await Promise.all(Array.from({ length: 10 }, () => expectAllSucceed())); // every pooled connection in use once
    const admin = postgres(TEST_DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      const killed = await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${direct.pathname.slice(1)}`;
      expect(killed.length).toBeGreaterThan(0);
      await new Promise((resolve) => setTimeout(resolve, 200));
      for (let i = 0; i < 3; i++) await expectAllSucceed();

      // Terminated while requests run: each one either succeeds or is a 503 to retry, never a 500.
      const during = Promise.all(Array.from({ length: 4 }, () => Promise.all(everyDoor())));
      await admin`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${direct.pathname.slice(1)}`;
      const statuses = new Set((await during).flat().map((a) => a.status));
      for (const status of statuses) expect([200, 404, 503]).toContain(status);
      await expectAllSucceed();
    } finally {
      await admin.end();
    }
  });

  it("answers 503 to loggers while the database is down mid-ingest and stores every batch exactly once after, without a restart", async () => {
    const log = newIngestLog();
    const loggers = Array.from({ length: 3 }, (_, i) => ingestMetric(() => server.baseUrl, runId, `ingest_${i}`, { batches: 20, pointsPerBatch: 100, log }));
    while ((log.statuses.get("200") ?? 0) < 6) await sleep(5);
    await proxy.refuse(); // cuts the connections of the batches in flight
    await sleep(1500);
    await proxy.restore();
    await Promise.all(loggers);

    const tally = await tallyPoints(server.baseUrl, runId, log);
    console.log(`PostgreSQL down mid-ingest: ${JSON.stringify(tally)}, answers ${JSON.stringify(Object.fromEntries(log.statuses))}`);
    expect(tally).toEqual({ lost: 0, duplicated: 0, stored: 6000, acknowledged: 6000 });
    expect(log.statuses.get("503")).toBeGreaterThan(0);
    expect([...log.statuses.keys()].sort()).toEqual(["200", "503"]); // no 500, no cut connection
    expect(server.process.exitCode).toBeNull();
  });

  it("shuts down promptly and cleanly while the database is away and requests are waiting", async () => {
    await proxy.blackhole();
    const pending = Promise.allSettled(everyDoor());
    await new Promise((resolve) => setTimeout(resolve, 300));
    const exited = new Promise<number | null>((resolve) => server.process.once("exit", resolve));
    const stoppedAt = performance.now();
    server.process.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(performance.now() - stoppedAt).toBeLessThan(5000);
    await pending;
    const lines = output.split("\n");
    const crashes = lines.flatMap((line, i) => (/uncaught|TypeError|Cannot read properties/i.test(line) ? [lines.slice(i, i + 12).join("\n")] : []));
    expect(crashes).toEqual([]); // names the offending lines and their stack when it fails
    await proxy.restore();
  });
});
