import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import { hashPassword } from "../../auth/passwords";
import { listUserGrants } from "../../repositories/permissions-repository";
import { deleteUser as deleteUserRow, insertUser, updateUser, type UserRow } from "../../repositories/users-repository";
import type { Db } from "../../db/types";
import { MlflowError } from "../errors";
import { bool, requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { changeAccess } from "../../auth/access-changes";
import { permissionDenied } from "../../auth/gate";
import type { ServiceContext } from "../context";
import { requireUser, usernameField } from "./auth-fields";

// MLflow's users/* endpoints (its basic-auth app): create, get, update-password, update-admin, delete.
// Grouped here as one resource's five small verbs; creating, promoting and deleting are for admins (route rules).

async function toWireUser(db: Db, user: UserRow) {
  const grants = await listUserGrants(db, user.id);
  return {
    id: user.id,
    username: user.username,
    isAdmin: user.isAdmin,
    experimentPermissions: grants.experiments.map((g) => ({ experimentId: String(g.experimentId), userId: user.id, permission: g.permission })),
    registeredModelPermissions: grants.models.map((g) => ({ name: g.name, userId: user.id, permission: g.permission })),
  };
}

/** Users may read and change only themselves; admins anybody. */
function requireSelfOrAdmin(ctx: ServiceContext, username: string): void {
  const { principal } = ctx;
  if (principal.kind === "local" || (principal.kind === "user" && (principal.isAdmin || principal.username === username))) return;
  throw permissionDenied();
}

export const createUser = defineVerb(z.object({ username: usernameField, password: requiredString }), async ({ ctx, input }) => {
  const passwordHash = await hashPassword(input.password);
  return inTransaction(ctx, async (db) => {
    const user = await insertUser(db, { username: input.username, passwordHash, isAdmin: false, creationTime: ctx.now() });
    if (!user) throw new MlflowError("RESOURCE_ALREADY_EXISTS", `User '${input.username}' already exists`);
    await recordAudit(db, ctx.principal, "user.create", `user:${user.username}`);
    return { user: await toWireUser(db, user) };
  });
});

export const getUser = defineVerb(z.object({ username: usernameField }), async ({ ctx, input }) => {
  requireSelfOrAdmin(ctx, input.username);
  return { user: await toWireUser(ctx.db, await requireUser(ctx.db, input.username)) };
});

export const updateUserPassword = defineVerb(z.object({ username: usernameField, password: requiredString }), async ({ ctx, input }) => {
  requireSelfOrAdmin(ctx, input.username);
  const passwordHash = await hashPassword(input.password);
  await changeAccess(ctx.db, async (db) => {
    const user = await requireUser(db, input.username);
    await updateUser(db, user.id, { passwordHash });
    await recordAudit(db, ctx.principal, "user.update_password", `user:${user.username}`);
  });
  return {};
});

export const updateUserAdmin = defineVerb(z.object({ username: usernameField, isAdmin: bool }), async ({ ctx, input }) => {
  await changeAccess(ctx.db, async (db) => {
    const user = await requireUser(db, input.username);
    await updateUser(db, user.id, { isAdmin: input.isAdmin });
    await recordAudit(db, ctx.principal, "user.update_admin", `user:${user.username}`, { isAdmin: input.isAdmin });
  });
  return {};
});

export const deleteUser = defineVerb(z.object({ username: usernameField }), async ({ ctx, input }) => {
  await changeAccess(ctx.db, async (db) => {
    const user = await requireUser(db, input.username);
    await deleteUserRow(db, user.id);
    await recordAudit(db, ctx.principal, "user.delete", `user:${user.username}`);
  });
  return {};
});
