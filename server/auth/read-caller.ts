import type { RestRequest } from "../rest/http/exchange";
import type { AccessRule } from "./access-rule";
import type { Principal } from "./principal";

/**
 * Who "the caller" is for read-your-writes with a read replica (server/db/read-replica.ts): a signed-in
 * user (all their tokens, sessions and browsers alike), a share link, or else a client by address and
 * User-Agent. No cookie or header is added to answers, so every client (curl, MLflow's, a browser) is
 * covered; clients behind one address with one User-Agent share a key, which only sends more of their
 * reads to the primary, never one to a replica that lacks their write.
 */
export function readCallerOf(req: RestRequest, principal: Principal): string {
  if (principal.kind === "user") return `user:${principal.userId}`;
  if (principal.kind === "share") return `share:${principal.linkId}`;
  const forwarded = req.header("x-forwarded-for")?.split(",")[0].trim();
  return `client:${forwarded || req.clientAddress || ""} ${req.header("user-agent") ?? ""}`;
}

/** A request that cannot have changed anything: a GET, or an endpoint that needs only READ (searches by POST). */
export function onlyReads(method: string, access: AccessRule): boolean {
  return method === "GET" || method === "HEAD" || access.kind === "listing" || (access.kind === "resource" && access.need === "READ");
}
