import { timingSafeEqual } from "node:crypto";
import { getConfig } from "../env";
import { MlflowError } from "../mlflow-error";
import { errorReply, toWireError } from "../rest/http/error-reply";
import type { RestReply, RestRequest } from "../rest/http/exchange";
import { getRequestContext, getServiceContext, type ServiceContext } from "../services/context";
import { enforceRequestRate } from "../services/quotas/enforce-request-rate";
import { RateLimitExceeded } from "../services/quotas/quota-errors";
import { authenticate, unauthenticated } from "./authenticate";
import { watchAccessChanges } from "./access-changes";
import { LOCAL, type Principal } from "./principal";
import { readCallerOf } from "./read-caller";

/**
 * Who may reach a mount at all (server/rest/mounts.ts): `public` mounts never look at credentials;
 * `signedIn` ones answer 401 to anonymous callers; `admin` ones also 403 to signed-in non-admins (with auth
 * off everyone may, as everywhere); `perProcedure` (tRPC) leaves that to each procedure's rule.
 * Resource rules are checked inside, where the handler knows the endpoint and its fields.
 */
export type MountAccess = { kind: "public" } | { kind: "signedIn" } | { kind: "admin" } | { kind: "perProcedure" };

/** The header a browser session's mutations carry (double submit: it equals the session's csrf token). */
export const CSRF_HEADER = "x-metron-csrf";

const principals = new WeakMap<RestRequest, Principal>();
/** Requests refused at the door whose handler answers the refusal in its own shape (tRPC). */
const refusals = new WeakMap<RestRequest, RateLimitExceeded>();

/**
 * The door of every API request (both doors call it, see next-route.ts and node-router.ts): who is
 * asking, the CSRF check of session mutations, a 401 for anonymous callers of non-public mounts, and
 * the API token's requests per minute (every mount: REST, artifacts, CSV, tRPC).
 * Returns the refusal, or undefined when the handler may run.
 */
export async function admitRequest(access: MountAccess, req: RestRequest): Promise<RestReply | undefined> {
  // Public mounts (health, version, unknown paths) use no principal: credentials are not even read.
  if (access.kind === "public") return undefined;
  if (!getConfig().auth.enabled) {
    principals.set(req, LOCAL);
    return undefined;
  }
  try {
    const ctx = await getServiceContext();
    await watchAccessChanges(ctx);
    const { db } = ctx;
    const now = Date.now();
    const principal: Principal & { csrfToken?: string } = await authenticate(
      db,
      { authorization: req.header("authorization"), cookie: req.header("cookie"), share: req.header("x-metron-share") },
      now,
    );
    if (principal.kind === "user" && principal.via === "session" && !isSafeMethod(req.method)) checkCsrf(req.header(CSRF_HEADER), principal.csrfToken);
    if ((access.kind === "signedIn" || access.kind === "admin") && principal.kind === "anonymous") {
      throw unauthenticated("Authentication required: send an API token (Bearer) or HTTP Basic credentials");
    }
    if (access.kind === "admin" && !(principal.kind === "user" && principal.isAdmin)) {
      throw new MlflowError("PERMISSION_DENIED", "Permission denied: only administrators may do this");
    }
    principals.set(req, principal);
    try {
      enforceRequestRate({ config: ctx.config, db, principal, now: () => now });
    } catch (err) {
      // tRPC answers in its own error shape (TOO_MANY_REQUESTS): requestPrincipal hands it the refusal.
      if (!(err instanceof RateLimitExceeded) || access.kind !== "perProcedure") throw err;
      refusals.set(req, err);
    }
    return undefined;
  } catch (err) {
    return authErrorReply(toWireError(err, req));
  }
}

/** A 401 names the scheme, as MLflow's basic-auth app does, so clients (and browsers) send credentials. */
export function authErrorReply(error: MlflowError): RestReply {
  const reply = errorReply(error);
  if (error.code === "UNAUTHENTICATED") reply.headers["www-authenticate"] = 'Basic realm="mlflow"';
  return reply;
}

/** Who sent a request that passed admitRequest (auth off: everyone is local); throws the door's refusal, if any. */
export function requestPrincipal(req: RestRequest): Principal {
  const refusal = refusals.get(req);
  if (refusal) throw refusal;
  const principal = principals.get(req);
  if (principal) return principal;
  if (!getConfig().auth.enabled) return LOCAL;
  // A handler reached without the door's check must not run as anybody.
  throw new Error(`${req.method} ${req.url.pathname} reached its handler without passing admitRequest`);
}

/** The service context of a request that passed the door: its principal, its cancellation signal, where its reads go. */
export async function authorizedRequestContext(req: RestRequest): Promise<ServiceContext> {
  const principal = requestPrincipal(req);
  return { ...(await getRequestContext(req.signal, readCallerOf(req, principal))), principal };
}

function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD";
}

function checkCsrf(sent: string | null, expected: string | undefined): void {
  const a = Buffer.from(sent ?? "");
  const b = Buffer.from(expected ?? "");
  if (!expected || a.length !== b.length || !timingSafeEqual(a, b)) {
    throw new MlflowError("PERMISSION_DENIED", `Missing or wrong ${CSRF_HEADER} header: a signed-in browser's changes must carry the session's CSRF token`);
  }
}
