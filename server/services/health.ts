import { getConfig } from "../env";
import { log } from "../log";
import { getServiceContext } from "./context";

/**
 * The server is healthy when its database is open, migrated and seeded — or, with
 * --artifacts-only, at once: that server serves artifacts alone and never opens a database.
 */
export async function healthCheck(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    if (getConfig().artifactsOnly) return { ok: true };
    await getServiceContext();
    return { ok: true };
  } catch (err) {
    const reason = (err as Error).message;
    // An invalid configuration leaves no logger to write with; the reason still reaches the caller.
    if (!reason.startsWith("Invalid configuration")) log().error({ err }, "health check failed");
    return { ok: false, reason };
  }
}
