import { describe, expect, it } from "vitest";
import { AccessCache } from "./access-cache";

const alice = { kind: "user", userId: 1, username: "alice", isAdmin: false, via: "token", tokenId: 7 } as const;
const T0 = 1_000_000;

function trustedCache(ttlMs = 60_000, maxEntries = 10): AccessCache<typeof alice> {
  const cache = new AccessCache<typeof alice>(ttlMs, maxEntries);
  cache.setTrusted(true);
  return cache;
}

describe("AccessCache", () => {
  it("answers a stored principal until its TTL, then nothing", () => {
    const cache = trustedCache(1_000);
    cache.set("k", alice, cache.ticket(), T0);
    expect(cache.get("k", T0 + 999)).toEqual(alice);
    expect(cache.get("k", T0 + 1_000)).toBeUndefined();
  });

  it("answers and stores nothing while untrusted (no change notices can arrive)", () => {
    const cache = new AccessCache<typeof alice>();
    cache.set("k", alice, cache.ticket(), T0);
    expect(cache.get("k", T0)).toBeUndefined();
    cache.setTrusted(true);
    expect(cache.get("k", T0)).toBeUndefined();
    cache.set("k", alice, cache.ticket(), T0);
    cache.setTrusted(false);
    expect(cache.get("k", T0)).toBeUndefined();
  });

  it("forgets everything on clear, and does not store a lookup that a clear overtook", () => {
    const cache = trustedCache();
    cache.set("k", alice, cache.ticket(), T0);
    const ticket = cache.ticket(); // a lookup starts…
    cache.clear(); // …a credential changes…
    cache.set("other", alice, ticket, T0); // …its answer may predate the change
    expect([cache.get("k", T0), cache.get("other", T0)]).toEqual([undefined, undefined]);
  });

  it("answers nothing while this process changes access, nor stores what it read meanwhile", () => {
    const cache = trustedCache();
    cache.set("k", alice, cache.ticket(), T0);
    cache.beginChange();
    expect(cache.get("k", T0)).toBeUndefined();
    const during = cache.ticket();
    cache.set("k", alice, during, T0);
    cache.endChange();
    cache.set("k", alice, during, T0);
    expect(cache.get("k", T0)).toBeUndefined();
    cache.set("k", alice, cache.ticket(), T0);
    expect(cache.get("k", T0)).toEqual(alice);
  });

  it("keeps at most maxEntries, dropping the oldest", () => {
    const cache = trustedCache(60_000, 2);
    for (const key of ["a", "b", "c"]) cache.set(key, alice, cache.ticket(), T0);
    expect(["a", "b", "c"].map((k) => cache.get(k, T0) !== undefined)).toEqual([false, true, true]);
  });
});
