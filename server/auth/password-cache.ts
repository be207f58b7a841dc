import { createHash } from "node:crypto";
import { processSingleton } from "../process-singleton";
import { verifyPassword } from "./passwords";

// Scripts sending MLFLOW_TRACKING_USERNAME/PASSWORD pay scrypt (~50 ms) on every request without this.
// A hit also needs the user's stored hash to be the one that verified: a password changed in any
// process (or replica) misses at once, without any invalidation message.

const TTL_MS = 60_000;
const MAX_ENTRIES = 1_000;

interface Verified {
  passwordHash: string;
  expires: number;
}

const cache = () => processSingleton("verified-passwords", () => new Map<string, Verified>());

/** verifyPassword, remembering success for a minute per (username, password, stored hash). */
export async function verifyPasswordCached(username: string, password: string, storedHash: string, now = Date.now()): Promise<boolean> {
  const key = createHash("sha256").update(`${username}:${password}`).digest("hex");
  const entries = cache();
  const hit = entries.get(key);
  if (hit && hit.passwordHash === storedHash && hit.expires > now) return true;
  if (hit) entries.delete(key);
  if (!(await verifyPassword(password, storedHash))) return false;
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(key, { passwordHash: storedHash, expires: now + TTL_MS });
  return true;
}

/** Forgets every remembered password (tests; a password change needs no call, see above). */
export function clearPasswordCache(): void {
  cache().clear();
}
