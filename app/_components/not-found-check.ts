import "server-only";
import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/**
 * For server pages' lookups: nothing found (or an id that cannot exist) renders the 404 page with
 * status 404; any other failure is left to the browser, which asks again and shows the error.
 */
export function notFoundIfMissing(err: unknown): undefined {
  if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) notFound();
  return undefined;
}
