import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startAuthTestServer, type AuthTestServer } from "../auth-server";
import { dropDatabase, startTestServer, testDatabaseUrl, type TestServer } from "../test-server";

// Issue #21: rate limits hold across replicas. Two servers on one PostgreSQL database, requests alternated
// between them: a token gets its limit in total (not twice it), and ten failed sign-ins for a name, wherever
// they were tried, lock it out on both (server/services/quotas/shared-token-rate.ts, sign-in-limiter.ts).

const DATABASE_URL = testDatabaseUrl("shared_limits");
const PER_MINUTE = 60;

describe.runIf(inject("driver") === "postgres")("limits shared by two servers on one database", { timeout: 60_000 }, () => {
  let auth: AuthTestServer;
  let second: TestServer;
  let servers: [string, string];

  beforeAll(async () => {
    const env = { METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN: String(PER_MINUTE) };
    auth = await startAuthTestServer("postgres", DATABASE_URL, env);
    second = await startTestServer("postgres", {
      databaseUrl: DATABASE_URL,
      keepDatabase: true,
      env: { ...env, METRON_AUTH: "true", METRON_AUTH_DEFAULT_PERMISSION: "NO_PERMISSIONS" },
    });
    servers = [auth.server.baseUrl, second.baseUrl];
  }, 120_000);
  afterAll(async () => {
    await second?.stop();
    await auth?.server.stop();
    await dropDatabase(DATABASE_URL);
  });

  it("gives a token its requests per minute in total over both, then 429 with Retry-After from each", async () => {
    const headers = { authorization: `Bearer ${auth.tokens.reader}` };
    const search = (baseUrl: string) => fetch(`${baseUrl}/api/2.0/mlflow/experiments/search?max_results=1`, { headers });
    const started = Date.now();
    const statuses: number[] = [];
    for (let i = 0; i < 3 * PER_MINUTE; i++) statuses.push((await search(servers[i % 2])).status);
    const refill = Math.ceil((Date.now() - started) / 1000); // the bucket refills one request a second
    const admitted = statuses.filter((s) => s === 200).length;
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    expect(admitted).toBeGreaterThanOrEqual(PER_MINUTE);
    // The documented slack: the other replica's eighth of the limit, and a request or two in flight.
    expect(admitted, `${admitted} admitted in ${refill} s`).toBeLessThanOrEqual(PER_MINUTE + refill + PER_MINUTE / 8 + 2);
    await new Promise((resolve) => setTimeout(resolve, 600)); // both exchange within half a second
    for (const baseUrl of servers) {
      const refused = await search(baseUrl);
      expect(refused.status).toBe(429);
      const retryAfter = Number(refused.headers.get("retry-after"));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(await refused.json()).toEqual({
        error_code: "RESOURCE_EXHAUSTED",
        message: `Rate limit exceeded: at most ${PER_MINUTE} requests per minute per API token. Retry after ${retryAfter} s.`,
      });
    }
  });

  it("counts failed sign-ins for a name on both: the eleventh, on either, is refused", async () => {
    const signIn = (baseUrl: string, password: string) =>
      fetch(`${baseUrl}/api/auth/sign-in`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "stranger", password }) });
    const failures = await Promise.all(Array.from({ length: 10 }, (_, i) => signIn(servers[i % 2], `guess ${i}`).then((r) => r.status)));
    expect(failures).toEqual(Array(10).fill(401));
    for (const baseUrl of servers) {
      const refused = await signIn(baseUrl, auth.password);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(290);
    }
  });
});
