import { beforeEach, describe, expect, it } from "vitest";
import { clearPasswordCache, verifyPasswordCached } from "./password-cache";
import { hashPassword } from "./passwords";

describe("verifyPasswordCached", () => {
  beforeEach(clearPasswordCache);

  it("answers a repeated correct password from memory, and a wrong one never", async () => {
    const stored = await hashPassword("right password");
    expect(await verifyPasswordCached("ana", "right password", stored, 0)).toBe(true);
    const started = performance.now();
    expect(await verifyPasswordCached("ana", "right password", stored, 1_000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5); // scrypt takes ~50 ms
    expect(await verifyPasswordCached("ana", "wrong password", stored, 1_000)).toBe(false);
    expect(await verifyPasswordCached("bo", "right password", await hashPassword("other"), 1_000)).toBe(false);
  });

  it("misses once the stored hash changed (the password was reset) or the minute is over", async () => {
    const before = await hashPassword("old password");
    expect(await verifyPasswordCached("ana", "old password", before, 0)).toBe(true);
    const after = await hashPassword("new password");
    expect(await verifyPasswordCached("ana", "old password", after, 1_000)).toBe(false);
    expect(await verifyPasswordCached("ana", "new password", after, 1_000)).toBe(true);
    expect(await verifyPasswordCached("ana", "old password", before, 1_000)).toBe(true); // re-verified: the entry was dropped
    const expired = await hashPassword("x1234567");
    expect(await verifyPasswordCached("bo", "x1234567", expired, 0)).toBe(true);
    const started = performance.now();
    expect(await verifyPasswordCached("bo", "x1234567", expired, 60_000)).toBe(true);
    expect(performance.now() - started).toBeGreaterThan(10); // scrypt ran again
  });
});
