import type { ShareKind } from "../../db/schema";
import type { ShareLinkRow } from "../../repositories/share-links-repository";
import { signShareToken } from "../../auth/share-token";
import { MlflowError } from "../errors";
import type { ServiceContext } from "../context";
import type { Principal } from "../../auth/principal";

/** A share link as its creator sees it: what it opens, until when, and its `/s/<token>` path. */
export interface ShareLink {
  id: string;
  kind: ShareKind;
  runIds: string[];
  modelName: string | null;
  target: string;
  path: string;
  creationTime: number;
  expiryTime: number;
  revokedTime: number | null;
  state: "active" | "expired" | "revoked";
}

export function toShareLink(row: ShareLinkRow, key: string, now: number): ShareLink {
  const state = row.revokedTime !== null ? "revoked" : row.expiryTime <= now ? "expired" : "active";
  return {
    id: row.id,
    kind: row.kind,
    runIds: row.runIds,
    modelName: row.modelName,
    target: row.target,
    path: `/s/${signShareToken(key, { linkId: row.id, expiryTime: row.expiryTime })}`,
    creationTime: row.creationTime,
    expiryTime: row.expiryTime,
    revokedTime: row.revokedTime,
    state,
  };
}

/** Links belong to signed-in users; a share link cannot make another, and auth off has no users. */
export function requireUser(ctx: Pick<ServiceContext, "principal">): Extract<Principal, { kind: "user" }> {
  if (ctx.principal.kind !== "user") throw new MlflowError("PERMISSION_DENIED", "Only a signed-in user can create or manage share links.");
  return ctx.principal;
}
