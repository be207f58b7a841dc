import type { Permission } from "./principal";

/** What a rule names in a request's input: the permission is checked on the experiment or model behind it. */
export type ResourceRef =
  | { experimentId: string }
  | { experimentName: string }
  | { runId: string }
  | { loggedModelId: string }
  | { modelName: string };

/**
 * Who may call an endpoint or procedure (checked in one place, server/auth, before its verb runs).
 * `listing`: anyone signed in, and the verb itself returns only what the caller may read.
 */
export type AccessRule =
  | { kind: "public" }
  | { kind: "signedIn" }
  | { kind: "admin" }
  | { kind: "listing" }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  | { kind: "resource"; need: Permission; of: (input: any) => ResourceRef | ResourceRef[] }
  /** Every one of the rules (a registration reads its source run and edits its model). */
  | { kind: "all"; rules: readonly AccessRule[] };

/** tRPC procedures carry their rule as meta: `procedure.meta({ access: … })`. */
export interface ProcedureMeta {
  access?: AccessRule;
}
