import {
  findExperimentGrant,
  findExperimentGrantByName,
  findLoggedModelExperimentGrant,
  findModelGrant,
  findRunExperimentGrant,
  type ExperimentGrant,
} from "../repositories/permissions-repository";
import { MlflowError } from "../mlflow-error";
import type { ServiceContext } from "../services/context";
import { grantCache } from "./access-changes";
import type { AccessRule, ResourceRef } from "./access-rule";
import { unauthenticated } from "./authenticate";
import { permits, type Permission, type Principal } from "./principal";
import { shareAllows, type SharePrincipal } from "./share-scope";

// THE permission check: every REST route, artifact route, CSV export, tRPC procedure and page read
// calls `authorize` with its rule before its verb runs. Decisions are cached per request (keyed by the
// request's principal object), so a batch touching one run asks the database once; a user's permission
// on an experiment (by its id, a run's or a logged model's) is also kept for the next requests, in the
// process's grant cache that every grant and membership change clears at once (access-changes.ts).

const PERMISSION_OF_RANK: readonly Permission[] = ["NO_PERMISSIONS", "READ", "EDIT", "MANAGE"];
export const RANK_OF_PERMISSION: Record<Permission, number> = { NO_PERMISSIONS: 0, READ: 1, EDIT: 2, MANAGE: 3 };

type UserPrincipal = Extract<Principal, { kind: "user" }>;
/** Per request: the permission on each resource asked about; null when the resource does not exist. */
const decisions = new WeakMap<Principal, Map<string, Permission | null>>();

export function permissionDenied(message = "Permission denied"): MlflowError {
  return new MlflowError("PERMISSION_DENIED", message);
}

/** Throws UNAUTHENTICATED (401) or PERMISSION_DENIED (403) unless the principal may make this request. */
export async function authorize(ctx: Pick<ServiceContext, "db" | "config" | "principal">, rule: AccessRule, input: unknown): Promise<void> {
  const { principal } = ctx;
  if (principal.kind === "local" || rule.kind === "public") return;
  if (principal.kind === "anonymous") throw unauthenticated("Authentication required: send an API token (Bearer) or HTTP Basic credentials");
  if (principal.kind === "user" && principal.isAdmin) return;
  switch (rule.kind) {
    case "all":
      for (const each of rule.rules) await authorize(ctx, each, input);
      return;
    case "admin":
      throw permissionDenied("Permission denied: only administrators may do this");
    case "signedIn":
    case "listing":
      if (principal.kind === "share") throw permissionDenied("Permission denied: a share link reads only what it names");
      return;
    case "resource": {
      const refs = [rule.of(input ?? {})].flat();
      for (const ref of refs) {
        const held = principal.kind === "share" ? shareHolds(principal, ref) : await userHolds(ctx, principal, ref);
        // A resource that does not exist is the verb's to report (404), as MLflow reports it.
        if (held !== null && !permits(held, rule.need)) throw permissionDenied(`Permission denied: ${rule.need} on ${describe(ref)} is required`);
      }
    }
  }
}

/** A share link reads exactly the runs or the model it names (share-scope.ts). */
function shareHolds(share: SharePrincipal, ref: ResourceRef): Permission {
  return shareAllows(share, ref, "READ") ? "READ" : "NO_PERMISSIONS";
}

/** The user's effective permission on the resource: their own and their teams' strongest grant, else the default. */
export async function userHolds(ctx: Pick<ServiceContext, "db" | "config">, user: UserPrincipal, ref: ResourceRef): Promise<Permission | null> {
  let cache = decisions.get(user);
  if (!cache) decisions.set(user, (cache = new Map()));
  const key = keyOf(ref);
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  // Names can be renamed and registered models' grants follow names: only ids are kept across requests.
  const sharedKey = "experimentName" in ref || "modelName" in ref ? undefined : `${user.userId}|${key}`;
  const shared = grantCache();
  const now = Date.now();
  const known = sharedKey === undefined ? undefined : shared.get(sharedKey, now);
  if (known !== undefined) {
    cache.set(key, known);
    return known;
  }
  const ticket = shared.ticket();
  const rank = await grantRank(ctx, user.userId, ref);
  const held = rank === undefined ? null : rank === null ? ctx.config.auth.defaultPermission : PERMISSION_OF_RANK[rank];
  cache.set(key, held);
  // A missing resource is not kept: it may be created.
  if (sharedKey !== undefined && held !== null) shared.set(sharedKey, held, ticket, now);
  return held;
}

/** The grant rank (null: no grant) on the resource behind `ref`; undefined when there is no such resource. */
async function grantRank(ctx: Pick<ServiceContext, "db">, userId: number, ref: ResourceRef): Promise<number | null | undefined> {
  if ("modelName" in ref) return (await findModelGrant(ctx.db, ref.modelName, userId))?.rank;
  let grant: ExperimentGrant | null;
  if ("experimentId" in ref) {
    // Parsed as the verbs parse it (services/validation.ts), so both name the same experiment.
    const id = /^[0-9]+$/.test(ref.experimentId) ? Number(ref.experimentId) : NaN;
    grant = id <= 2147483647 ? await findExperimentGrant(ctx.db, id, userId) : null;
  } else if ("experimentName" in ref) grant = await findExperimentGrantByName(ctx.db, ref.experimentName, userId);
  else if ("runId" in ref) grant = await findRunExperimentGrant(ctx.db, ref.runId, userId);
  else grant = await findLoggedModelExperimentGrant(ctx.db, ref.loggedModelId, userId);
  return grant?.rank;
}

function keyOf(ref: ResourceRef): string {
  if ("experimentId" in ref) return `e:${ref.experimentId}`;
  if ("experimentName" in ref) return `n:${ref.experimentName}`;
  if ("runId" in ref) return `r:${ref.runId}`;
  if ("loggedModelId" in ref) return `l:${ref.loggedModelId}`;
  return `m:${ref.modelName}`;
}

function describe(ref: ResourceRef): string {
  if ("experimentId" in ref) return `experiment ${ref.experimentId}`;
  if ("experimentName" in ref) return `experiment '${ref.experimentName}'`;
  if ("runId" in ref) return `run ${ref.runId}`;
  if ("loggedModelId" in ref) return `logged model ${ref.loggedModelId}`;
  return `registered model '${ref.modelName}'`;
}
