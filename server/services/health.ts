import { log } from "../log";
import { getServiceContext } from "./context";

/** The server is healthy when its database is open, migrated and seeded. */
export async function healthCheck(): Promise<{ ok: true } | { ok: false; reason: string }> {
  try {
    await getServiceContext();
    return { ok: true };
  } catch (err) {
    log().error({ err }, "health check failed");
    return { ok: false, reason: (err as Error).message };
  }
}
