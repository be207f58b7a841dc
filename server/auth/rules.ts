import type { AccessRule, ResourceRef } from "./access-rule";

// Shorthands for the rule tables (MLflow routes, tRPC procedures). MLflow's basic-auth levels:
// reading needs READ, changing EDIT, deleting and managing permissions MANAGE.

type RefsOf = (input: Record<string, unknown>) => ResourceRef[];

export const PUBLIC: AccessRule = { kind: "public" };
export const SIGNED_IN: AccessRule = { kind: "signedIn" };
export const ADMIN: AccessRule = { kind: "admin" };
export const LISTING: AccessRule = { kind: "listing" };

export const read = (of: RefsOf): AccessRule => ({ kind: "resource", need: "READ", of });
export const edit = (of: RefsOf): AccessRule => ({ kind: "resource", need: "EDIT", of });
export const manage = (of: RefsOf): AccessRule => ({ kind: "resource", need: "MANAGE", of });
export const allOf = (...rules: AccessRule[]): AccessRule => ({ kind: "all", rules });
