import { hash, randomBytes } from "node:crypto";

/** A new random secret (256 bits), URL- and header-safe, with a prefix saying what it is. */
export function newSecret(prefix: "mtk" | "mss" | "csrf"): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/**
 * What the database stores of a token or session secret: a leaked table gives no credentials. Also the key
 * of every cached principal: one-shot `hash` costs a quarter of a Hash object's create/update/digest.
 */
export function secretHash(secret: string): string {
  return hash("sha256", secret, "hex");
}
