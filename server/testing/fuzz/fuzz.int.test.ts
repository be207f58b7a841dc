import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestServer, TEST_DATABASE_URL, dropDatabase, type TestServer } from "../test-server";
import { createFuzzFixtures } from "./fuzz-fixtures";
import { FUZZ_TARGETS } from "./fuzz-requests";
import { runFuzz } from "./run-fuzz";

// The short form of the hostile-input fuzzer (issue #12): a fixed seed, a few hundred requests over
// every route, on a server of its own (the fuzzer deletes and renames what it finds). The long
// form is `npm run bench:fuzz`.

const SEED = 20261207;
const REQUESTS = 600;

describe("hostile-input fuzzer (short form)", { timeout: 90_000 }, () => {
  const driver = inject("driver");
  const databaseUrl = new URL(TEST_DATABASE_URL);
  databaseUrl.pathname = `${databaseUrl.pathname}_fuzz`;
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer(driver, { databaseUrl: databaseUrl.toString() });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (driver === "postgres") await dropDatabase(databaseUrl.toString());
  });

  it(`answers ${REQUESTS} hostile requests with no 5xx, no hang, and JSON errors on every API path`, async () => {
    const fixtures = await createFuzzFixtures(server.baseUrl);
    const report = await runFuzz({ baseUrl: server.baseUrl, fixtures, seed: SEED, requests: REQUESTS, size: "short" });
    console.log(`fuzz (${driver}): ${report.sent} requests in ${report.ms} ms, statuses ${JSON.stringify(report.byStatus)}`);
    expect({ serverErrors: report.serverErrors, nonJsonErrors: report.nonJsonErrors, hung: report.hung }).toEqual({ serverErrors: [], nonJsonErrors: [], hung: [] });
    expect(report.sent).toBe(REQUESTS);
    // Every family of doors, every MLflow route and every tRPC procedure was exercised.
    expect(Object.keys(report.byFamily).sort()).toEqual(["artifacts", "csv", "download", "mlflow", "page", "request-line", "trpc"]);
    expect(FUZZ_TARGETS.filter((target) => !report.targetsHit.has(target))).toEqual([]);
    expect(FUZZ_TARGETS.length).toBeGreaterThan(75); // 57 MLflow routes and 22 tRPC procedures today

    const health = await fetch(`${server.baseUrl}/health`);
    expect([health.status, await health.text()]).toEqual([200, "OK"]);
  });
});
