import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAuthTestServer } from "../auth-server";
import { startTestServer, TEST_DATABASE_URL, dropDatabase, testDatabaseUrl, type TestServer } from "../test-server";
import { checkAfterFuzz, createFuzzAdminToken, createFuzzFixtures } from "./fuzz-fixtures";
import { FUZZ_TARGETS, oversizedRequests } from "./fuzz-requests";
import { runFuzz } from "./run-fuzz";

// The short form of the hostile-input fuzzer (issues #12, #21): a fixed seed, a few hundred requests
// over every route, on a server of its own (the fuzzer deletes and renames what it finds), once with
// auth off and once with auth on as an admin, so the requests reach the handlers behind the gate.
// The long form is `npm run bench:fuzz`.

const SEED = 20261207;
const REQUESTS = 600;
const FAMILIES = ["artifacts", "csv", "download", "mlflow", "oversized", "page", "request-line", "session", "trpc"];

/** The fuzz run, judged: no 5xx, no hang, JSON errors, 413 for every oversized body; then the server still works. */
async function fuzzAndCheck(server: TestServer, authorization?: string) {
  const fixtures = await createFuzzFixtures(server.baseUrl, authorization);
  const report = await runFuzz({ baseUrl: server.baseUrl, fixtures, seed: SEED, requests: REQUESTS, size: "short", authorization });
  console.log(`fuzz (${server.driver}, auth ${authorization ? "on" : "off"}): ${report.sent} requests in ${report.ms} ms, statuses ${JSON.stringify(report.byStatus)}`);
  const { serverErrors, nonJsonErrors, hung, wrongStatus } = report;
  expect({ serverErrors, nonJsonErrors, hung, wrongStatus }).toEqual({ serverErrors: [], nonJsonErrors: [], hung: [], wrongStatus: [] });
  expect(report.sent).toBe(REQUESTS);
  // Every family of doors, every MLflow route and every tRPC procedure was exercised.
  expect(Object.keys(report.byFamily).sort()).toEqual(FAMILIES);
  expect(FUZZ_TARGETS.filter((target) => !report.targetsHit.has(target))).toEqual([]);
  expect(FUZZ_TARGETS.length).toBeGreaterThan(100); // 57+ MLflow routes and 50+ tRPC procedures, portal ones included
  // Most answers came from the handlers: a run refused at the gate would prove nothing.
  expect(report.byStatus["401"] ?? 0).toBeLessThan(REQUESTS / 20);

  expect(await checkAfterFuzz(server.baseUrl, authorization)).toEqual({ health: "200 OK", logBatch: 200, history: [0.5] });
}

describe("hostile-input fuzzer (short form), auth off", { timeout: 90_000 }, () => {
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

  it(`answers ${REQUESTS} hostile requests with no 5xx, no hang, JSON errors on every API path, and stays healthy`, async () => {
    await fuzzAndCheck(server);
  });
});

describe("hostile-input fuzzer (short form), auth on as an admin", { timeout: 90_000 }, () => {
  const driver = inject("driver");
  const databaseUrl = testDatabaseUrl("fuzz_auth");
  let server: TestServer;
  let authorization: string;
  let pgliteDir: string | undefined;

  beforeAll(async () => {
    const auth = await startAuthTestServer(driver, databaseUrl);
    server = auth.server;
    pgliteDir = auth.pgliteDir;
    authorization = await createFuzzAdminToken(server.baseUrl, "admin", auth.password);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (driver === "postgres") await dropDatabase(databaseUrl);
    if (pgliteDir) fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true }); // the auth server keeps its folder
  });

  it(`answers ${REQUESTS} hostile requests with no 5xx, no hang, JSON errors on every API path, and stays healthy`, async () => {
    await fuzzAndCheck(server, authorization);
  });

  it("answers a body one byte over each door's limit with 413 in MLflow's error shape (tRPC, sign-in and REST alike)", async () => {
    for (const request of oversizedRequests()) {
      const res = await fetch(`${server.baseUrl}${request.path}`, { method: "POST", headers: { ...request.headers, authorization }, body: new Uint8Array(request.body!) });
      const limit = request.body!.length - 1;
      const message = `Request body of ${limit + 1} bytes exceeds the limit of ${limit} bytes for this endpoint.`;
      expect([request.path, res.status, await res.json()]).toEqual([request.path, 413, { error_code: "INVALID_PARAMETER_VALUE", message }]);
    }
  });
});
