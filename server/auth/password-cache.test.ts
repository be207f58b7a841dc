import { beforeEach, describe, expect, it, vi } from "vitest";
import { clearPasswordCache, verifyPasswordCached } from "./password-cache";
import { hashPassword, verifyPassword } from "./passwords";

// scrypt is counted rather than timed: a loaded machine makes timings meaningless.
vi.mock("./passwords", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./passwords")>();
  return { ...actual, verifyPassword: vi.fn(actual.verifyPassword) };
});

const scryptRuns = () => vi.mocked(verifyPassword).mock.calls.length;

describe("verifyPasswordCached", { timeout: 60_000 }, () => {
  beforeEach(() => {
    clearPasswordCache();
    vi.mocked(verifyPassword).mockClear();
  });

  it("answers a repeated correct password from memory, and a wrong one never", async () => {
    const stored = await hashPassword("right password");
    expect(await verifyPasswordCached("ana", "right password", stored, 0)).toBe(true);
    expect(await verifyPasswordCached("ana", "right password", stored, 1_000)).toBe(true);
    expect(scryptRuns()).toBe(1);
    expect(await verifyPasswordCached("ana", "wrong password", stored, 1_000)).toBe(false);
    expect(await verifyPasswordCached("ana", "wrong password", stored, 1_000)).toBe(false);
    expect(await verifyPasswordCached("bo", "right password", stored, 1_000)).toBe(true); // another name: verified afresh
    expect(scryptRuns()).toBe(4);
  });

  it("misses once the stored hash changed (the password was reset) or the minute is over", async () => {
    const before = await hashPassword("old password");
    expect(await verifyPasswordCached("ana", "old password", before, 0)).toBe(true);
    const after = await hashPassword("new password");
    expect(await verifyPasswordCached("ana", "old password", after, 1_000)).toBe(false);
    expect(await verifyPasswordCached("ana", "new password", after, 1_000)).toBe(true);
    expect(scryptRuns()).toBe(3);
    expect(await verifyPasswordCached("ana", "new password", after, 60_999)).toBe(true);
    expect(scryptRuns()).toBe(3);
    expect(await verifyPasswordCached("ana", "new password", after, 61_000)).toBe(true);
    expect(scryptRuns()).toBe(4);
  });
});
