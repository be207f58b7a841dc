import type { Principal } from "../../auth/principal";
import { MlflowError } from "../../mlflow-error";
import type { ServiceContext } from "../context";

export type UserPrincipal = Extract<Principal, { kind: "user" }>;

/** The signed-in user behind a request; accounts do not exist while auth is off. */
export function requireUser(ctx: Pick<ServiceContext, "principal">): UserPrincipal {
  const { principal } = ctx;
  if (principal.kind === "user") return principal;
  if (principal.kind === "local") throw authIsOff();
  throw new MlflowError("UNAUTHENTICATED", "Sign in first.");
}

/** The signed-in admin behind a request (users and teams are theirs to manage). */
export function requireAdmin(ctx: Pick<ServiceContext, "principal">): UserPrincipal {
  const user = requireUser(ctx);
  if (!user.isAdmin) throw new MlflowError("PERMISSION_DENIED", "Only an admin may manage users and teams.");
  return user;
}

export function authIsOff(): MlflowError {
  return new MlflowError("INVALID_STATE", "Sign-in is off on this server: start it with --auth (METRON_AUTH=true) to have users and tokens.");
}
