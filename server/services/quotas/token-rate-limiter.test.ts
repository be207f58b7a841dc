import { describe, expect, it } from "vitest";
import { readConfig } from "../../env";
import type { Principal } from "../../auth/principal";
import { enforceRequestRate } from "./enforce-request-rate";
import { RateLimitExceeded } from "./quota-errors";
import { TokenRateLimiter } from "./token-rate-limiter";

const T0 = 1_000_000;

describe("TokenRateLimiter", () => {
  it("allows exactly N requests in a burst and refuses the N+1st with the wait until the next", () => {
    const limiter = new TokenRateLimiter(6); // one request per 10 s once the burst is spent
    for (let i = 0; i < 6; i++) expect(limiter.take(1, T0), `request ${i + 1}`).toBeNull();
    expect(limiter.take(1, T0)).toBe(10);
    expect(limiter.take(1, T0 + 4_000)).toBe(6);
    expect(limiter.take(1, T0 + 10_000)).toBeNull();
    expect(limiter.take(1, T0 + 10_000)).toBe(10);
  });

  it("counts each token apart", () => {
    const limiter = new TokenRateLimiter(1);
    expect(limiter.take(1, T0)).toBeNull();
    expect(limiter.take(2, T0)).toBeNull();
    expect(limiter.take(1, T0)).toBe(60);
  });

  it("never fills past the burst however long a token was idle", () => {
    const limiter = new TokenRateLimiter(2);
    expect(limiter.take(1, T0)).toBeNull();
    expect(limiter.take(1, T0 + 3_600_000)).toBeNull();
    expect(limiter.take(1, T0 + 3_600_000)).toBeNull();
    expect(limiter.take(1, T0 + 3_600_000)).toBe(30);
  });

  it("refuses everything at a limit of 0", () => {
    expect(new TokenRateLimiter(0).take(1, T0)).toBe(60);
  });

  it("answers the same whether or not idle buckets were pruned", () => {
    const pruned = new TokenRateLimiter(60);
    const kept = new TokenRateLimiter(60);
    const requests: [number, number][] = [[1, T0], [2, T0 + 59_500], [1, T0 + 60_000], ...Array.from({ length: 61 }, (_, i): [number, number] => [2, T0 + 60_000 + i])];
    const answers = (limiter: TokenRateLimiter, prune: boolean) =>
      requests.map(([token, at]) => {
        if (prune) limiter.prune(at);
        return limiter.take(token, at);
      });
    const withPruning = answers(pruned, true);
    expect(withPruning).toEqual(answers(kept, false));
    expect(withPruning.filter((a) => a !== null)).toEqual([1, 1]);
  });
});

describe("enforceRequestRate", () => {
  const config = readConfig({ METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN: "3" });
  const viaToken: Principal = { kind: "user", userId: 7, username: "ci", isAdmin: false, via: "token", tokenId: 9071 };
  const viaSession: Principal = { kind: "user", userId: 7, username: "ci", isAdmin: false, via: "session" };

  it("limits requests made with a token: the 4th of 3 per minute is RESOURCE_EXHAUSTED with a retry delay", () => {
    const ctx = { config, principal: viaToken, now: () => T0 };
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

  it("leaves sessions, the local user and servers without the setting alone", () => {
    for (let i = 0; i < 10; i++) {
      enforceRequestRate({ config, principal: viaSession, now: () => T0 });
      enforceRequestRate({ config, principal: { kind: "local" }, now: () => T0 });
      enforceRequestRate({ config: readConfig({}), principal: { ...viaToken, tokenId: 9072 }, now: () => T0 });
    }
  });
});
