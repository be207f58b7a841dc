import type { Permission } from "../db/schema/auth";

export type { Permission };

/** How a signed-in user proved who they are. */
export type Credential = "session" | "token" | "basic";

/**
 * Who is asking. `local` is everyone while auth is off (today's single-user behaviour: everything
 * allowed); with auth on a request is `anonymous` until it proves it is a user.
 */
export type Principal =
  | { kind: "local" }
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: number;
      username: string;
      isAdmin: boolean;
      via: Credential;
      /** The token used (via "token", or a token given as a Basic password): rate limits count per token. */
      tokenId?: number;
    }
  /** A read-only share link: it may read exactly the runs or the model it names, nothing else. */
  | { kind: "share"; linkId: string; runIds: readonly string[]; modelName?: string };

export const LOCAL: Principal = { kind: "local" };
export const ANONYMOUS: Principal = { kind: "anonymous" };

const RANK: Record<Permission, number> = { NO_PERMISSIONS: 0, READ: 1, EDIT: 2, MANAGE: 3 };

/** True when `held` allows what `needed` asks (NO_PERMISSIONS < READ < EDIT < MANAGE). */
export function permits(held: Permission, needed: Permission): boolean {
  return RANK[held] >= RANK[needed];
}

/** The stronger of two grants (a user's own and their teams'). */
export function strongest(a: Permission, b: Permission): Permission {
  return RANK[a] >= RANK[b] ? a : b;
}
