import type { Db } from "../db/types";
import { ensureServerSecret } from "../repositories/server-secrets-repository";
import { findShareLink, type ShareLinkRow } from "../repositories/share-links-repository";
import { MlflowError } from "../mlflow-error";
import type { SharePrincipal } from "./share-scope";
import { newShareKey, verifyShareToken } from "./share-token";

/** The cookie `/s/<token>` sets, and the header a script may send instead. */
export const SHARE_COOKIE = "metron_share";
export const SHARE_HEADER = "x-metron-share";

const SHARE_KEY_NAME = "share_link_key";
const keys = new WeakMap<Db, Promise<string>>();
const unauthenticatedError = (message: string) => new MlflowError("UNAUTHENTICATED", message);

/** The share-link signing key, created once per database and then read from it (replicas agree). */
export function getShareKey(db: Db): Promise<string> {
  let key = keys.get(db);
  if (!key) {
    key = ensureServerSecret(db, SHARE_KEY_NAME, newShareKey);
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

/**
 * The share principal a token stands for, checked on every request: signature, expiry, then the row
 * (so a revocation takes effect at once). Anything else is a 401 saying which of them failed.
 */
export async function resolveShareToken(db: Db, token: string, now: number): Promise<{ principal: SharePrincipal; link: ShareLinkRow }> {
  const claims = verifyShareToken(await getShareKey(db), token);
  if (!claims) throw unauthenticatedError("Invalid share link: it is malformed or its signature does not match.");
  if (claims.expiryTime <= now) throw unauthenticatedError(`This share link expired on ${new Date(claims.expiryTime).toISOString()}.`);
  const link = await findShareLink(db, claims.linkId);
  if (!link || link.expiryTime !== claims.expiryTime) throw unauthenticatedError("Invalid share link: it does not exist.");
  if (link.revokedTime !== null) throw unauthenticatedError("This share link has been revoked.");
  const principal: SharePrincipal = { kind: "share", linkId: link.id, runIds: link.runIds, ...(link.modelName ? { modelName: link.modelName } : {}) };
  return { principal, link };
}
