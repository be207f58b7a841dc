import type { ResourceRef } from "./access-rule";
import type { Permission, Principal } from "./principal";

export type SharePrincipal = Extract<Principal, { kind: "share" }>;

/**
 * What a share link may do, for the gate: READ exactly the runs (their data, metrics and artifacts are
 * named by run id) or the registered model it names. Never an experiment (its other runs), a logged
 * model, or anything beyond READ.
 */
export function shareAllows(principal: SharePrincipal, ref: ResourceRef, need: Permission = "READ"): boolean {
  if (need !== "READ") return false;
  if ("runId" in ref) return principal.runIds.includes(ref.runId);
  if ("modelName" in ref) return principal.modelName !== undefined && principal.modelName === ref.modelName;
  return false;
}
