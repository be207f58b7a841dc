import { describe, expect, it } from "vitest";
import { newShareKey, signShareToken, verifyShareToken } from "./share-token";

const KEY = "k".repeat(43);
const CLAIMS = { linkId: "AbCdEfGhIjKlMnOp", expiryTime: 1_800_000_000_000 };

/** `token` with the character at `index` replaced by another URL-safe one. */
function flip(token: string, index: number): string {
  const c = token[index] === "A" ? "B" : "A";
  return token.slice(0, index) + c + token.slice(index + 1);
}

describe("share tokens", () => {
  it("verifies what the key signed, giving back the link id and expiry", () => {
    const token = signShareToken(KEY, CLAIMS);
    expect(token).toMatch(/^AbCdEfGhIjKlMnOp\.[0-9a-z]+\.[\w-]{43}$/);
    expect(verifyShareToken(KEY, token)).toEqual(CLAIMS);
  });

  it("refuses a token with any one character changed: link id, expiry or signature", () => {
    const token = signShareToken(KEY, CLAIMS);
    const [id, expiry] = token.split(".");
    const positions = [0, id.length - 1, id.length + 1, id.length + expiry.length, token.length - 1, token.length - 20];
    for (const i of positions) expect(verifyShareToken(KEY, flip(token, i)), `position ${i}`).toBeNull();
  });

  it("refuses a later expiry re-signed with another key, and a token of another key", () => {
    const other = newShareKey();
    const extended = signShareToken(other, { ...CLAIMS, expiryTime: CLAIMS.expiryTime + 86_400_000 });
    expect(verifyShareToken(KEY, extended)).toBeNull();
    expect(verifyShareToken(other, signShareToken(KEY, CLAIMS))).toBeNull();
  });

  it("refuses malformed tokens", () => {
    for (const bad of ["", "a.b", "a.b.c.d", `.${"1"}.x`, "id.ZZ.sig", `${"x".repeat(33)}.1.sig`, "id..sig"]) {
      expect(verifyShareToken(KEY, bad), bad).toBeNull();
    }
  });

  it("makes a new key each time", () => {
    expect(newShareKey()).not.toBe(newShareKey());
    expect(newShareKey()).toMatch(/^[\w-]{43}$/);
  });
});
