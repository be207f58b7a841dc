import "server-only";
import { headers } from "next/headers";
import { authenticate } from "../auth/authenticate";
import { ANONYMOUS, LOCAL, type Principal } from "../auth/principal";
import { getConfig } from "../env";
import { getServiceContext } from "../services/context";
import { appRouter } from "./app-router";
import { createTrpcContext } from "./init";

/**
 * The tRPC caller of a server page: the page's reads go through the same procedures, rules and gate as
 * the browser's, as whoever sent the page request (auth off: local).
 */
export async function pageCaller() {
  return appRouter.createCaller(createTrpcContext({ principal: await pagePrincipal() }));
}

async function pagePrincipal(): Promise<Principal> {
  if (!getConfig().auth.enabled) return LOCAL;
  const sent = await headers();
  const { db } = await getServiceContext();
  const now = Date.now();
  try {
    // A share link reaches pages through its cookie, which authenticate() reads like a session's.
    return await authenticate(db, { authorization: sent.get("authorization"), cookie: sent.get("cookie") }, now);
  } catch {
    // Stale or wrong credentials on a page: it renders as for a signed-out visitor (401 page).
    return ANONYMOUS;
  }
}
