import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAuthTestServer, type AuthTestServer } from "../auth-server";
import { startS3TestServer, type S3TestServer } from "../s3-test-server";
import { dropDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../test-server";
import { checkExactlyOnce } from "./exactly-once";
import { runLoad } from "./loggers";

// Issue #21 item 4: two server processes on one PostgreSQL database and one S3 bucket, clients spread
// over both, answer as one server would: writes from either stored once, artifacts readable from either,
// searches equal, and a token revoked through one refused by the other at once (caches are per process,
// cleared across processes by NOTIFY: server/auth/access-changes.ts).

const DATABASE_URL = testDatabaseUrl("scaleout");

describe.runIf(inject("driver") === "postgres")("scale-out: two servers, one database, one bucket", { timeout: 60_000 }, () => {
  let s3: S3TestServer;
  let auth: AuthTestServer;
  let second: TestServer;
  let servers: [string, string];
  let admin: Record<string, string>;

  beforeAll(async () => {
    s3 = await startS3TestServer();
    const env = s3.serverEnv("scale-out");
    auth = await startAuthTestServer("postgres", DATABASE_URL, env);
    second = await startTestServer("postgres", { databaseUrl: DATABASE_URL, keepDatabase: true, env: { ...env, METRON_AUTH: "true", METRON_AUTH_DEFAULT_PERMISSION: "NO_PERMISSIONS" } });
    servers = [auth.server.baseUrl, second.baseUrl];
    admin = { authorization: `Bearer ${auth.tokens.admin}` };
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await auth?.server.stop();
    await s3?.stop();
    await dropDatabase(DATABASE_URL);
  });

  const call = async (baseUrl: string, method: string, path: string, body?: unknown, headers = admin) => {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, text, body: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined };
  };

  it("stores the writes of loggers spread over both servers exactly once, and both answer searches alike", async () => {
    const result = await runLoad({ baseUrls: servers, loggers: 4, durationMs: 8_000, headers: admin });
    expect(result.failures).toEqual({});
    const stored = await checkExactlyOnce(DATABASE_URL, result.ledgers);
    expect(stored.problems).toEqual([]);
    expect(stored.points).toBeGreaterThan(0);

    const experiment_ids = [result.experimentId];
    for (const [path, body] of [
      ["/api/2.0/mlflow/runs/search", { experiment_ids, order_by: ["attributes.run_name"], max_results: 10 }],
      ["/api/2.0/mlflow/runs/search", { experiment_ids, filter: "metrics.batch10 > 5", order_by: ["metrics.single DESC"] }],
      ["/api/2.0/mlflow/experiments/search", { max_results: 100 }],
    ] as const) {
      const [a, b] = await Promise.all(servers.map((s) => call(s, "POST", path, body)));
      expect([a.status, b.status], a.text).toEqual([200, 200]);
      expect(b.body).toEqual(a.body);
    }
    const runIds = result.ledgers.map((l) => l.runId);
    const history = (s: string) => call(s, "GET", `/api/2.0/mlflow/metrics/get-history?run_id=${runIds[1]}&metric_key=single&max_results=25000`);
    const [a, b] = await Promise.all(servers.map(history));
    expect(a.body.metrics.length).toBe(result.ledgers[1].acknowledged.single);
    expect(b.body).toEqual(a.body);
  });

  it("serves an artifact uploaded through either server from the other, out of the one bucket", async () => {
    const experiment = await call(servers[0], "POST", "/api/2.0/mlflow/experiments/create", { name: "scale-out-artifacts" });
    const run = await call(servers[1], "POST", "/api/2.0/mlflow/runs/create", { experiment_id: experiment.body.experiment_id });
    const root = `${experiment.body.experiment_id}/${run.body.run.info.run_id}/artifacts`;
    const put = (s: string, file: string, content: string) =>
      fetch(`${s}/api/2.0/mlflow-artifacts/artifacts/${root}/${file}`, { method: "PUT", headers: admin, body: content }).then((r) => r.status);
    expect([await put(servers[0], "from-a.txt", "written through A"), await put(servers[1], "dir/from-b.txt", "written through B")]).toEqual([200, 200]);

    const read = (s: string, file: string) => call(s, "GET", `/api/2.0/mlflow-artifacts/artifacts/${root}/${file}`).then((r) => [r.status, r.text]);
    expect(await read(servers[1], "from-a.txt")).toEqual([200, "written through A"]);
    expect(await read(servers[0], "dir/from-b.txt")).toEqual([200, "written through B"]);
    const lists = await Promise.all(servers.map((s) => call(s, "GET", `/api/2.0/mlflow/artifacts/list?run_id=${run.body.run.info.run_id}`)));
    expect(lists[0].body.files.map((f: { path: string }) => f.path)).toEqual(["dir", "from-a.txt"]);
    expect(lists[1].body).toEqual(lists[0].body);
    // Stored in the bucket (s3rver's folder), not on either server's disk.
    const objects = fs.readdirSync(s3.directory, { recursive: true }).map(String);
    for (const file of ["from-a.txt", "from-b.txt"]) expect(objects.some((o) => o.includes(`scale-out/${root}/`) && o.includes(file)), file).toBe(true);
  });

  it("refuses on one server, at once, a token revoked through the other", async () => {
    const [a, b] = servers;
    const signIn = await fetch(`${a}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "admin", password: auth.password }) });
    expect(signIn.status).toBe(200);
    const cookie = signIn.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
    const session = { cookie, "x-metron-csrf": /metron_csrf=([^;]+)/.exec(cookie)![1] };
    const created = await call(a, "POST", "/api/trpc/account.tokens.create", { name: "roaming" }, session);
    const { token, id } = created.body.result.data;
    const bearer = { authorization: `Bearer ${token}` };
    const whoAmI = (s: string) => call(s, "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", undefined, bearer).then((r) => r.status);
    // Used on both first, so each process holds the principal in its cache when the revocation lands.
    expect([await whoAmI(a), await whoAmI(b)]).toEqual([200, 200]);

    expect((await call(a, "POST", "/api/trpc/account.tokens.revoke", { id }, session)).status).toBe(200);
    const refused = await call(b, "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", undefined, bearer);
    expect([refused.status, refused.body]).toEqual([401, { error_code: "UNAUTHENTICATED", message: "Invalid or revoked API token" }]);
    expect(await whoAmI(a)).toBe(401);
    // The token revoked before either server started is refused by both.
    const old = await Promise.all(servers.map((s) => call(s, "GET", "/api/2.0/mlflow/experiments/get?experiment_id=0", undefined, { authorization: `Bearer ${auth.tokens.revoked}` })));
    expect(old.map((r) => r.status)).toEqual([401, 401]);
  });
});
