import { describe, expect, it } from "vitest";
import { MAX_SIGN_IN_FAILURES, SIGN_IN_WINDOW_MS, SignInLimiter, SignInThrottled, signInKey } from "./sign-in-limiter";

const KEY = signInKey("ana", "10.0.0.1");

function throttledAfter(limiter: SignInLimiter, key: string, now: number): SignInThrottled | undefined {
  try {
    limiter.admit(key, now);
    return undefined;
  } catch (err) {
    return err as SignInThrottled;
  }
}

describe("SignInLimiter", () => {
  it("admits exactly MAX failed attempts in the window, then refuses with the seconds until the oldest expires", () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) expect(throttledAfter(limiter, KEY, 1_000 + i * 1000)).toBeUndefined();
    const refused = throttledAfter(limiter, KEY, 20_000);
    expect(refused).toBeInstanceOf(SignInThrottled);
    expect(refused!.code).toBe("RESOURCE_EXHAUSTED");
    expect(refused!.httpStatus).toBe(429);
    expect(refused!.retryAfterSeconds).toBe((1_000 + SIGN_IN_WINDOW_MS - 20_000) / 1000);
    // A refused attempt is not counted: once the oldest failure leaves the window, one attempt is admitted.
    expect(throttledAfter(limiter, KEY, 1_000 + SIGN_IN_WINDOW_MS - 1)).toBeInstanceOf(SignInThrottled);
    expect(throttledAfter(limiter, KEY, 1_000 + SIGN_IN_WINDOW_MS)).toBeUndefined();
    expect(throttledAfter(limiter, KEY, 1_000 + SIGN_IN_WINDOW_MS)).toBeInstanceOf(SignInThrottled);
  });

  it("counts per username (any case) and address, and forgets a key's failures on success", () => {
    const limiter = new SignInLimiter();
    for (let i = 0; i < MAX_SIGN_IN_FAILURES; i++) limiter.admit(KEY, 0);
    expect(throttledAfter(limiter, signInKey("ANA", "10.0.0.1"), 0)).toBeInstanceOf(SignInThrottled);
    expect(throttledAfter(limiter, signInKey("ana", "10.0.0.2"), 0)).toBeUndefined();
    expect(throttledAfter(limiter, signInKey("bo", "10.0.0.1"), 0)).toBeUndefined();
    limiter.reset(KEY);
    expect(throttledAfter(limiter, KEY, 0)).toBeUndefined();
  });
});
