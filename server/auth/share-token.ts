import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

// A share link's token: `<link id>.<expiry, base 36 ms>.<HMAC-SHA256 of both>`. The signature lets a
// forged or edited token be refused before any lookup; the row still decides (revocation).

export interface ShareTokenClaims {
  linkId: string;
  expiryTime: number;
}

/** A new link id: 96 random bits, URL-safe and without the token's separator. */
export function newShareLinkId(): string {
  return randomBytes(12).toString("base64url");
}

/** A new signing key, kept in server_secrets and shared by every replica. */
export function newShareKey(): string {
  return randomBytes(32).toString("base64url");
}

export function signShareToken(key: string, claims: ShareTokenClaims): string {
  const payload = `${claims.linkId}.${claims.expiryTime.toString(36)}`;
  return `${payload}.${mac(key, payload).toString("base64url")}`;
}

/** The claims of a token this key signed; null for anything else (malformed, tampered, another key). */
export function verifyShareToken(key: string, token: string): ShareTokenClaims | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [linkId, expiry, signature] = parts;
  if (!/^[\w-]{1,32}$/.test(linkId) || !/^[0-9a-z]{1,12}$/.test(expiry)) return null;
  const given = Buffer.from(signature, "base64url");
  const expected = mac(key, `${linkId}.${expiry}`);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return { linkId, expiryTime: parseInt(expiry, 36) };
}

function mac(key: string, payload: string): Buffer {
  return createHmac("sha256", key).update(payload).digest();
}
