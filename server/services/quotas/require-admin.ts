import { MlflowError } from "../errors";
import type { ServiceContext } from "../context";

/** Quotas are an admin's: with auth off the local user is one; the gate checks this too (access: admin). */
export function requireAdmin(ctx: Pick<ServiceContext, "principal">): void {
  const p = ctx.principal;
  if (p.kind === "local" || (p.kind === "user" && p.isAdmin)) return;
  throw new MlflowError("PERMISSION_DENIED", "Only an admin can read or set quotas.");
}
