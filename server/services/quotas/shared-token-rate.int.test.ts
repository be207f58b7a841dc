import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Principal } from "../../auth/principal";
import { apiTokens } from "../../db/schema";
import type { DbHandle } from "../../db/types";
import { readConfig } from "../../env";
import { executeRows } from "../../db/rows";
import { deleteIdleTokenBuckets, exchangeTokenRequests } from "../../repositories/token-request-buckets-repository";
import { insertUser } from "../../repositories/users-repository";
import { openTestDatabase } from "../../testing/direct-db";
import { enforceRequestRate } from "./enforce-request-rate";
import { RateLimitExceeded } from "./quota-errors";
import { SharedTokenRate } from "./shared-token-rate";

// Per-token request rates shared through the database: two SharedTokenRate objects on one database stand
// for two replicas (the two-server test is server/testing/load/shared-limits.int.test.ts).

let handle: DbHandle;
let userId: number;
const replicas: SharedTokenRate[] = [];

beforeAll(async () => {
  handle = await openTestDatabase("token_rate");
  userId = (await insertUser(handle.db, { username: "ci", passwordHash: "unused", isAdmin: false, creationTime: 1 }))!.id;
}, 120_000);
afterAll(async () => {
  for (const r of replicas) r.stop();
  await handle?.close();
});

async function newToken(): Promise<number> {
  const [row] = await handle.db.insert(apiTokens).values({ userId, name: "t", secretHash: `h${Math.random()}`, displayPrefix: "x", creationTime: 1 }).returning();
  return row.id;
}

function replica(perMinute: number): SharedTokenRate {
  const rate = new SharedTokenRate(perMinute, {
    exchange: (admitted) => exchangeTokenRequests(handle.db, perMinute, admitted),
    forgetIdle: () => deleteIdleTokenBuckets(handle.db, 120_000),
    onError: (err) => {
      throw err;
    },
  });
  replicas.push(rate);
  return rate;
}

/** Requests 2 ms apart, about as an HTTP request takes; faster than a round trip they all beat the exchange. */
const nextRequest = () => new Promise((resolve) => setTimeout(resolve, 2));

describe("exchangeTokenRequests", () => {
  it("starts a token's bucket full, takes what was admitted, refills by the database's clock, never below minus a minute", async () => {
    const [a, b] = [await newToken(), await newToken()];
    expect(await exchangeTokenRequests(handle.db, 60, new Map([[b, 5], [a, 0]]))).toEqual(new Map([[a, 60], [b, 55]]));
    const [second] = await executeRows<{ updated_time: string }>(handle.db, sql`select updated_time::text from token_request_buckets where token_id = ${b}`);
    await handle.db.execute(sql`update token_request_buckets set updated_time = updated_time - 2000 where token_id = ${b}`);
    const refilled = (await exchangeTokenRequests(handle.db, 60, new Map([[b, 10]]))).get(b)!;
    expect(refilled).toBeGreaterThanOrEqual(55 + 2 - 10);
    expect(refilled).toBeLessThan(55 + 2 - 10 + 1);
    expect(Number(second.updated_time)).toBeGreaterThan(0);
    expect((await exchangeTokenRequests(handle.db, 60, new Map([[b, 500]]))).get(b)).toBe(-60);
  });
});

describe("SharedTokenRate", () => {
  it("holds a token to its limit over two replicas taking turns, plus at most an eighth of it per other replica", async () => {
    const token = await newToken();
    const [a, b] = [replica(60), replica(60)];
    const started = Date.now();
    let admitted = 0;
    for (let i = 0; i < 300; i++) {
      if ((i % 2 ? a : b).take(token, Date.now()) === null) admitted++;
      await nextRequest();
    }
    await Promise.all([a.settled(), b.settled()]);
    const refill = Math.ceil((Date.now() - started) / 1000);
    expect(admitted).toBeGreaterThanOrEqual(60);
    // The other replica's eighth, and a request or two admitted while its exchange was on its way.
    expect(admitted).toBeLessThanOrEqual(60 + refill + Math.floor(60 / 8) + 2);
    expect([a.take(token, Date.now()), b.take(token, Date.now())].every((retry) => retry !== null && retry >= 1 && retry <= 60)).toBe(true);
  });

  it("refreshes a level over a second old at once: a replica that never served the token learns it is spent", async () => {
    const token = await newToken();
    const [a, b] = [replica(10), replica(10)];
    for (let i = 0; i < 10; i++) expect(a.take(token, Date.now())).toBeNull();
    await a.settled();
    const firstAtB = b.take(token, Date.now()); // B's own bucket is full until its exchange returns
    await b.settled();
    expect(firstAtB).toBeNull();
    // Overdrawn by B's one request: two requests to refill at one per 6 s.
    expect(b.take(token, Date.now())).toBe(12);
  });
});

describe("enforceRequestRate", () => {
  const config = readConfig({ METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN: "3" });
  const viaToken = (tokenId: number): Principal => ({ kind: "user", userId, username: "ci", isAdmin: false, via: "token", tokenId });

  it("limits requests made with a token: the 4th of 3 per minute is RESOURCE_EXHAUSTED with a retry delay", async () => {
    const ctx = { config, db: handle.db, principal: viaToken(await newToken()), now: () => Date.now() };
    for (let i = 0; i < 3; i++) enforceRequestRate(ctx);
    let error: unknown;
    try {
      enforceRequestRate(ctx);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RateLimitExceeded);
    expect((error as RateLimitExceeded).code).toBe("RESOURCE_EXHAUSTED");
    expect((error as RateLimitExceeded).httpStatus).toBe(429);
    expect((error as RateLimitExceeded).retryAfterSeconds).toBe(20);
    expect((error as RateLimitExceeded).message).toBe("Rate limit exceeded: at most 3 requests per minute per API token. Retry after 20 s.");
  });

  it("leaves sessions, the local user and servers without the setting alone", async () => {
    const viaSession: Principal = { kind: "user", userId, username: "ci", isAdmin: false, via: "session" };
    const tokenId = await newToken();
    for (let i = 0; i < 10; i++) {
      enforceRequestRate({ config, db: handle.db, principal: viaSession, now: Date.now });
      enforceRequestRate({ config, db: handle.db, principal: { kind: "local" }, now: Date.now });
      enforceRequestRate({ config: readConfig({}), db: handle.db, principal: viaToken(tokenId), now: Date.now });
    }
  });
});
