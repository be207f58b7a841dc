import { describe, expect, it } from "vitest";
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

  it("starts from a level another replica set, refused below zero until refilled", () => {
    const limiter = new TokenRateLimiter(60);
    limiter.setAvailable(1, -2.5, T0);
    expect(limiter.isTracked(1)).toBe(true);
    expect(limiter.take(1, T0)).toBe(4);
    expect(limiter.take(1, T0 + 3_500)).toBeNull();
    limiter.setAvailable(2, 500, T0);
    for (let i = 0; i < 60; i++) expect(limiter.take(2, T0)).toBeNull();
    expect(limiter.take(2, T0)).toBe(1);
  });
});
