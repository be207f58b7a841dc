import { createHash, randomBytes } from "node:crypto";

/** A new random secret (256 bits), URL- and header-safe, with a prefix saying what it is. */
export function newSecret(prefix: "mtk" | "mss" | "csrf"): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

/** What the database stores of a token or session secret: a leaked table gives no credentials. */
export function secretHash(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
