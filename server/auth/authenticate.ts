import type { Db } from "../db/types";
import { MlflowError } from "../mlflow-error";
import { findSessionUser, findTokenOwner, findUserByName, type UserRow } from "../repositories/users-repository";
import { touchApiToken } from "../repositories/api-tokens-repository";
import { processSingleton } from "../process-singleton";
import { principalCache } from "./access-changes";
import { verifyPasswordCached } from "./password-cache";
import { ANONYMOUS, type Principal } from "./principal";
import { secretHash } from "./secrets";
import { resolveShareToken, SHARE_COOKIE } from "./share-principal";

/** The cookie that carries a browser session's secret. */
export const SESSION_COOKIE = "metron_session";
const TOKEN_PREFIX = "mtk_";

export interface CredentialHeaders {
  authorization: string | null;
  cookie: string | null;
  /** The `x-metron-share` header: a share link's token, for scripts (browsers carry it in the cookie). */
  share?: string | null;
}

/**
 * Who sent a request (auth on): a Bearer token, HTTP Basic (password, or a token as the password, as
 * MLFLOW_TRACKING_PASSWORD may hold), else the session cookie, else a share link (header, then cookie);
 * none → anonymous. Credentials that are present but wrong (or an expired or revoked link) are a 401,
 * never a silent anonymous.
 */
export async function authenticate(db: Db, headers: CredentialHeaders, now: number): Promise<Principal & { csrfToken?: string }> {
  const authorization = headers.authorization?.trim();
  if (authorization) {
    const [scheme, value = ""] = splitOnce(authorization, " ");
    if (scheme.toLowerCase() === "bearer") return cachedPrincipal(db, authorization, now, () => fromToken(db, value.trim(), "token", now));
    if (scheme.toLowerCase() === "basic") return cachedPrincipal(db, authorization, now, () => fromBasic(db, value.trim(), now));
    throw unauthenticated("Unsupported Authorization scheme; use Bearer or Basic");
  }
  const session = readCookie(headers.cookie, SESSION_COOKIE);
  if (session) {
    const found = await findSessionUser(db, secretHash(session), now);
    if (found) return { ...userPrincipal(found.user, "session"), csrfToken: found.csrfToken };
  }
  const shareToken = headers.share?.trim() || readCookie(headers.cookie, SHARE_COOKIE);
  if (shareToken) return (await resolveShareToken(db, shareToken, now)).principal;
  return ANONYMOUS;
}

type UserPrincipal = Extract<Principal, { kind: "user" }>;

/**
 * A script sends the same Authorization header with every request: its principal comes from the process's
 * cache (access-changes.ts keeps it right), keyed by the header's sha256. A copy each time: the gate
 * caches decisions per principal object, that is per request. Refusals are never cached.
 */
async function cachedPrincipal(db: Db, authorization: string, now: number, resolve: () => Promise<UserPrincipal>): Promise<UserPrincipal> {
  const cache = principalCache();
  const key = secretHash(authorization);
  const hit = cache.get(key, now);
  if (hit) {
    if (hit.tokenId !== undefined) noteTokenUse(db, hit.tokenId, now);
    return { ...hit };
  }
  const ticket = cache.ticket();
  const principal = await resolve();
  cache.set(key, { ...principal }, ticket, now);
  return principal;
}

async function fromToken(db: Db, token: string, via: "token" | "basic", now: number, username?: string): Promise<UserPrincipal> {
  const found = token.startsWith(TOKEN_PREFIX) ? await findTokenOwner(db, secretHash(token)) : null;
  if (!found || (username !== undefined && found.user.username !== username)) throw unauthenticated("Invalid or revoked API token");
  noteTokenUse(db, found.tokenId, now);
  return { ...userPrincipal(found.user, via), tokenId: found.tokenId };
}

async function fromBasic(db: Db, encoded: string, now: number): Promise<UserPrincipal> {
  const [username, password] = splitOnce(Buffer.from(encoded, "base64").toString("utf8"), ":");
  if (password === undefined) throw unauthenticated("Malformed HTTP Basic credentials");
  if (password.startsWith(TOKEN_PREFIX)) return fromToken(db, password, "basic", now, username);
  const user = await findUserByName(db, username);
  if (!user || !(await verifyPasswordCached(username, password, user.passwordHash, now))) throw unauthenticated("Incorrect username or password");
  return userPrincipal(user, "basic");
}

/** A token's "last used" is written at most once a minute per process: not one UPDATE per logged batch. */
const TOKEN_USE_RESOLUTION_MS = 60_000;
const tokenUseWritten = () => processSingleton("token-use-written", () => new Map<number, number>());

function noteTokenUse(db: Db, tokenId: number, now: number): void {
  const written = tokenUseWritten();
  if (now - (written.get(tokenId) ?? -Infinity) < TOKEN_USE_RESOLUTION_MS) return;
  written.set(tokenId, now);
  touchApiToken(db, tokenId, now).catch(() => written.delete(tokenId)); // best effort: a lost write only shows an older time
}

function userPrincipal(user: UserRow, via: "session" | "token" | "basic"): UserPrincipal {
  return { kind: "user", userId: user.id, username: user.username, isAdmin: user.isAdmin, via };
}

/** MLflow's basic-auth app answers 401 with this challenge, which makes clients send credentials. */
export function unauthenticated(message: string): MlflowError {
  return new MlflowError("UNAUTHENTICATED", message);
}

export function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [k, v] = splitOnce(part.trim(), "=");
    if (k === name && v) return decodeCookieValue(v);
  }
  return undefined;
}

/** A value with a broken %-escape is kept as sent: it matches no session (401), where decoding threw a 500. */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function splitOnce(s: string, sep: string): [string, string | undefined] {
  const i = s.indexOf(sep);
  return i < 0 ? [s, undefined] : [s.slice(0, i), s.slice(i + sep.length)];
}
