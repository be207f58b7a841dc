import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./passwords";

describe("passwords", () => {
  it("verifies the password it hashed and nothing else", async () => {
    const stored = await hashPassword("correct horse");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword("correct horse", stored)).toBe(true);
    expect(await verifyPassword("correct horse ", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts: the same password hashes differently twice", async () => {
    expect(await hashPassword("pw")).not.toBe(await hashPassword("pw"));
  });

  it("refuses hashes it did not write", async () => {
    expect(await verifyPassword("pw", "plain")).toBe(false);
    expect(await verifyPassword("pw", "bcrypt$x$y$z$a$b")).toBe(false);
  });

  it("treats composed and decomposed Unicode as the same password", async () => {
    expect(await verifyPassword("caf\u00e9", await hashPassword("cafe\u0301"))).toBe(true);
  });
});
