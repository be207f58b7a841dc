import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { dropDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../test-server";
import { checkExactlyOnce } from "./exactly-once";
import { PARAM_PREFIX, runLoad } from "./loggers";
import { formatLoadReport } from "./report";

// Issue #21 item 1, the suite's short form of `npm run bench:load`: concurrent MLflow loggers retrying as
// MLflow's client does, then every acknowledged point, param and tag stored exactly once (checked in SQL).
// A server of its own, so the load does not slow the shared server's other test files.

const LOAD_MS = 25_000;
const DATABASE_URL = testDatabaseUrl("load");

describe.runIf(inject("driver") === "postgres")("load: 8 loggers for 25 s", { timeout: 90_000 }, () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer("postgres", { databaseUrl: DATABASE_URL });
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
    await dropDatabase(DATABASE_URL);
  });

  it("answers every call and stores every acknowledged write exactly once", async () => {
    const result = await runLoad({ baseUrls: [server.baseUrl], loggers: 8, durationMs: LOAD_MS });
    console.log(formatLoadReport(result));
    expect(result.failures).toEqual({});
    for (const [operation, latencies] of Object.entries(result.latencies)) expect(latencies.length, operation).toBeGreaterThan(0);

    const stored = await checkExactlyOnce(DATABASE_URL, result.ledgers);
    expect(stored.problems).toEqual([]);
    const sum = (pick: (l: (typeof result.ledgers)[number]) => number) => result.ledgers.reduce((a, l) => a + pick(l), 0);
    // No call went unanswered (failures is empty), so the stored counts are the acknowledged ones exactly.
    expect(stored.points).toBe(sum((l) => Object.values(l.acknowledged).reduce((a, b) => a + b, 0)));
    expect(stored.params).toBe(sum((l) => l.params.acknowledged));
    expect(stored.tags).toBe(sum((l) => l.tags.acknowledged));
    expect(stored.points).toBeGreaterThan(1000);

    // The check itself can fail: a lost point and a lost param are named.
    const [victim] = result.ledgers;
    const sql = postgres(DATABASE_URL, { max: 1 });
    await sql`delete from metrics where run_uuid = ${victim.runId} and key = 'single' and step = 0`;
    await sql`delete from params where run_uuid = ${victim.runId} and key = ${`${PARAM_PREFIX}0`}`;
    await sql.end();
    const single = victim.acknowledged.single;
    expect((await checkExactlyOnce(DATABASE_URL, result.ledgers)).problems).toEqual([
      `run ${victim.runId} single: ${single - 1} points stored, ${single} acknowledged, 0 unanswered`,
      `run ${victim.runId} single: steps 1..${single - 1} for ${single - 1} points`,
      `run ${victim.runId}: ${victim.params.acknowledged - 1} params stored, ${victim.params.acknowledged} acknowledged, 0 unanswered`,
    ]);
  });
});
