import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../testing/test-server";

// Issue 12, item 2: searches have a statement timeout, are cancelled when their client leaves,
// and never starve writes. A search made slow on demand: it waits for a lock on experiment_tags
// (which no write of a run touches) held by the test, exactly like a statement that runs long.

const SEARCH_TIMEOUT_MS = 3_000;
const SEARCH_URL = testDatabaseUrl("search");
const SLOW_SEARCH = { filter: "tags.team = 'vision'" };

describe.runIf(inject("driver") === "postgres")("search budget on PostgreSQL", () => {
  let server: TestServer;
  let sql: postgres.Sql;
  let runId: string;
  const api = (path: string, body: unknown, init: RequestInit = {}) =>
    fetch(`${server.baseUrl}/api/2.0/mlflow/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), ...init });

  beforeAll(async () => {
    server = await startTestServer("postgres", { databaseUrl: SEARCH_URL, env: { METRON_SEARCH_TIMEOUT_MS: String(SEARCH_TIMEOUT_MS) } });
    // Two connections: one holds the lock, the other watches pg_stat_activity.
    sql = postgres(SEARCH_URL, { max: 2, onnotice: () => {} });
    const experiment = await (await api("experiments/create", { name: "budget" })).json();
    const run = await (await api("runs/create", { experiment_id: experiment.experiment_id })).json();
    runId = run.run.info.run_id;
  });

  afterAll(async () => {
    await sql?.end();
    await server?.stop();
    await dropDatabase(SEARCH_URL);
  });

  /** Runs `work` while experiment_tags is locked, so that every tag search waits. */
  async function withSearchesBlocked(work: () => Promise<void>): Promise<void> {
    await sql.begin(async (tx) => {
      await tx`lock table experiment_tags in access exclusive mode`;
      await work();
    });
  }

  const waitingSearches = async () =>
    Number((await sql`select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like '%experiment_tags%'`)[0].count);

  it("a search past the statement timeout answers 503 TEMPORARILY_UNAVAILABLE", async () => {
    await withSearchesBlocked(async () => {
      const started = performance.now();
      const res = await api("experiments/search", SLOW_SEARCH, { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS + 5_000) });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({
        error_code: "TEMPORARILY_UNAVAILABLE",
        message: `The search did not finish within the server's search timeout of ${SEARCH_TIMEOUT_MS} ms (METRON_SEARCH_TIMEOUT_MS) and was stopped. Narrow the filter, or retry later.`,
      });
      expect(performance.now() - started).toBeGreaterThanOrEqual(SEARCH_TIMEOUT_MS - 100);
    });
  });

  it("with 12 slow searches in flight (more than the whole pool) a log-batch answers at once", async () => {
    await withSearchesBlocked(async () => {
      const searches = Array.from({ length: 12 }, () => api("experiments/search", SLOW_SEARCH).then((r) => r.status));
      await expect.poll(waitingSearches, { timeout: 2_000 }).toBeGreaterThanOrEqual(4);
      const started = performance.now();
      const res = await api(
        "runs/log-batch",
        { run_id: runId, metrics: [{ key: "loss", value: 1, timestamp: 1, step: 0 }] },
        { signal: AbortSignal.timeout(SEARCH_TIMEOUT_MS - 500) },
      );
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(1_000);
      expect(await waitingSearches()).toBe(4); // the search pool, full; the other 8 wait in line
      expect(new Set(await Promise.all(searches))).toEqual(new Set([503]));
    });
  });

  it("a search whose client disconnects stops running on the database", async () => {
    await withSearchesBlocked(async () => {
      const client = new AbortController();
      const search = api("experiments/search", SLOW_SEARCH, { signal: client.signal }).catch((err: Error) => err.name);
      await expect.poll(waitingSearches, { timeout: 2_000 }).toBe(1);
      client.abort();
      expect(await search).toBe("AbortError");
      // Well before the statement timeout would have stopped it.
      await expect.poll(waitingSearches, { timeout: SEARCH_TIMEOUT_MS / 3, interval: 50 }).toBe(0);
    });
  });

  it("so does a UI (tRPC) search whose browser leaves", async () => {
    await withSearchesBlocked(async () => {
      const browser = new AbortController();
      const input = encodeURIComponent(JSON.stringify(SLOW_SEARCH));
      const search = fetch(`${server.baseUrl}/api/trpc/experimentList.search?input=${input}`, { signal: browser.signal }).catch((err: Error) => err.name);
      await expect.poll(waitingSearches, { timeout: 2_000 }).toBe(1);
      browser.abort();
      expect(await search).toBe("AbortError");
      await expect.poll(waitingSearches, { timeout: SEARCH_TIMEOUT_MS / 3, interval: 50 }).toBe(0);
    });
  });
});
