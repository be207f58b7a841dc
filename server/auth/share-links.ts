import type { Db } from "../db/types";
import type { Principal } from "./principal";

/** What a share-link resolver sees of a request: its URL (API requests; a link's token may ride in it) and headers. */
export interface ShareRequest {
  url?: URL;
  header(name: string): string | null;
}

/**
 * The hook through which share links become principals (sharequota registers its resolver at start):
 * asked only when a request carries no user credentials; null when it holds no valid link.
 */
export type ShareLinkResolver = (db: Db, req: ShareRequest, now: number) => Promise<Extract<Principal, { kind: "share" }> | null>;

let resolver: ShareLinkResolver | undefined;

export function registerShareLinkResolver(resolve: ShareLinkResolver): void {
  resolver = resolve;
}

export async function resolveShareLink(db: Db, req: ShareRequest, now: number): Promise<Extract<Principal, { kind: "share" }> | null> {
  return resolver ? resolver(db, req, now) : null;
}
