import type { ServiceContext } from "../services/context";
import { authenticate, type CredentialHeaders } from "./authenticate";
import { LOCAL, type Principal } from "./principal";

/**
 * The one way an edge learns who sent a request: `local` while auth is off (today's behaviour),
 * else authenticate()'s answer (a user, anonymous, or a 401 thrown for bad credentials). Sessions
 * come with their CSRF token for the gate's double-submit compare.
 */
export async function principalOfRequest(
  headers: CredentialHeaders,
  ctx: Pick<ServiceContext, "db" | "config" | "now">,
): Promise<Principal & { csrfToken?: string }> {
  if (!ctx.config.auth.enabled) return LOCAL;
  return authenticate(ctx.db, headers, ctx.now());
}
