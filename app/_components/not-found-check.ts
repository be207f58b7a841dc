import "server-only";
import { TRPCError } from "@trpc/server";
import { forbidden, notFound, unauthorized } from "next/navigation";

/**
 * For server pages' lookups: nothing found (or an id that cannot exist) renders the 404 page with
 * status 404; a caller who may not read it gets the 403 page (signed out: the 401 page); any other
 * failure is left to the browser, which asks again and shows the error.
 */
export function notFoundIfMissing(err: unknown): undefined {
  if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
  if (err instanceof TRPCError && err.code === "FORBIDDEN") forbidden();
  if (err instanceof TRPCError && err.code === "UNAUTHORIZED") unauthorized();
  return undefined;
}
