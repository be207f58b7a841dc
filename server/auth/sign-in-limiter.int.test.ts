import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeRows } from "../db/rows";
import type { DbHandle } from "../db/types";
import { openTestDatabase } from "../testing/direct-db";
import { MAX_SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS, SignInThrottled, signInKey, signInLimiter } from "./sign-in-limiter";

// The sign-in limiter counts in the database (every replica shares it): the same answers as the
// per-process limiter it replaced, and parallel attempts cannot overrun it.

let handle: DbHandle;
let keys = 0;
/** A key no other test counted on. */
const freshKey = () => signInKey(`ana${keys++}`, "10.0.0.1");

beforeAll(async () => {
  handle = await openTestDatabase("signin");
}, 120_000);
afterAll(async () => handle?.close());

async function throttledAfter(key: string, now: number): Promise<SignInThrottled | undefined> {
  try {
    await signInLimiter.admit(handle.db, key, now);
    return undefined;
  } catch (err) {
    return err as SignInThrottled;
  }
}

describe("signInLimiter", () => {
  it("admits exactly MAX failed attempts in the window, then refuses with the seconds until the oldest expires", async () => {
    const key = freshKey();
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) expect(await throttledAfter(key, 1_000 + i * 1000)).toBeUndefined();
    const refused = await throttledAfter(key, 20_000);
    expect(refused).toBeInstanceOf(SignInThrottled);
    expect(refused!.code).toBe("RESOURCE_EXHAUSTED");
    expect(refused!.httpStatus).toBe(429);
    expect(refused!.retryAfterSeconds).toBe((1_000 + SIGN_IN_WINDOW_MS - 20_000) / 1000);
    expect(refused!.message).toBe(`Too many failed sign-in attempts; try again in ${refused!.retryAfterSeconds} seconds.`);
    // A refused attempt is not counted: once the oldest failure leaves the window, one attempt is admitted.
    expect(await throttledAfter(key, 1_000 + SIGN_IN_WINDOW_MS - 1)).toBeInstanceOf(SignInThrottled);
    expect(await throttledAfter(key, 1_000 + SIGN_IN_WINDOW_MS)).toBeUndefined();
    expect(await throttledAfter(key, 1_000 + SIGN_IN_WINDOW_MS)).toBeInstanceOf(SignInThrottled);
  });

  it("counts per username (any case) and address, and forgets a key's failures on success", async () => {
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) await signInLimiter.admit(handle.db, signInKey("bea", "10.0.0.1"), 0);
    expect(await throttledAfter(signInKey("BEA", "10.0.0.1"), 0)).toBeInstanceOf(SignInThrottled);
    expect(await throttledAfter(signInKey("bea", "10.0.0.2"), 0)).toBeUndefined();
    expect(await throttledAfter(signInKey("bo", "10.0.0.1"), 0)).toBeUndefined();
    await signInLimiter.reset(handle.db, signInKey("bea", "10.0.0.1"));
    expect(await throttledAfter(signInKey("bea", "10.0.0.1"), 0)).toBeUndefined();
  });

  it("admits exactly MAX of many parallel attempts on one key", async () => {
    const key = freshKey();
    const answers = await Promise.all(Array.from({ length: 3 * MAX_SIGN_IN_FAILURES }, () => throttledAfter(key, 5_000)));
    expect(answers.filter((a) => a === undefined)).toHaveLength(MAX_SIGN_IN_FAILURES);
    expect(answers.filter((a) => a instanceof SignInThrottled)).toHaveLength(2 * MAX_SIGN_IN_FAILURES);
  });

  it("keeps no row past the window, whoever's, and stores the key only as a hash", async () => {
    const now = 10 * SIGN_IN_WINDOW_MS;
    await signInLimiter.admit(handle.db, freshKey(), now);
    const rows = await executeRows<{ key_hash: string; attempt_time: string }>(handle.db, sql`select key_hash, attempt_time::text from sign_in_failures`);
    expect(rows).toEqual([{ key_hash: expect.stringMatching(/^[0-9a-f]{64}$/), attempt_time: String(now) }]);
  });
});
