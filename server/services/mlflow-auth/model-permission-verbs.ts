import { z } from "zod";
import { recordAudit } from "../../auth/audit";
import {
  deleteModelPermission as deleteGrant,
  findUserModelPermission,
  insertModelPermission,
  updateModelPermission as updateGrant,
  type ModelPermissionRow,
} from "../../repositories/permissions-repository";
import { MlflowError } from "../errors";
import { requireRegisteredModelRow } from "../registry/load-registry";
import { requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { permissionField, requireUser, usernameField } from "./auth-fields";

// MLflow's registered-models/permissions/{create,get,update,delete}: one user's own grant on one model.
// Grouped as one resource's four small verbs; the route rules ask MANAGE on the model.

const grantKey = { name: requiredString, username: usernameField };
const toWire = (row: ModelPermissionRow) => ({ name: row.name, userId: row.userId, permission: row.permission });
const notFound = (name: string, username: string) =>
  new MlflowError("RESOURCE_DOES_NOT_EXIST", `Registered model permission with name=${name} and username=${username} not found`);

export const createModelPermission = defineVerb(z.object({ ...grantKey, permission: permissionField }), async ({ ctx, input }) =>
  inTransaction(ctx, async (db) => {
    const model = await requireRegisteredModelRow(db, input.name);
    const user = await requireUser(db, input.username);
    const row = await insertModelPermission(db, model.name, user.id, input.permission);
    if (!row) throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Registered model permission (name=${input.name}, username=${input.username}) already exists`);
    await recordAudit(db, ctx.principal, "registered_model_permission.create", `registered_model:${model.name}`, { username: user.username, permission: input.permission });
    return { registeredModelPermission: toWire(row) };
  }),
);

export const getModelPermission = defineVerb(z.object(grantKey), async ({ ctx, input }) => {
  const model = await requireRegisteredModelRow(ctx.db, input.name);
  const user = await requireUser(ctx.db, input.username);
  const row = await findUserModelPermission(ctx.db, model.name, user.id);
  if (!row) throw notFound(input.name, input.username);
  return { registeredModelPermission: toWire(row) };
});

export const updateModelPermission = defineVerb(z.object({ ...grantKey, permission: permissionField }), async ({ ctx, input }) =>
  inTransaction(ctx, async (db) => {
    const model = await requireRegisteredModelRow(db, input.name);
    const user = await requireUser(db, input.username);
    if (!(await updateGrant(db, model.name, user.id, input.permission))) throw notFound(input.name, input.username);
    await recordAudit(db, ctx.principal, "registered_model_permission.update", `registered_model:${model.name}`, { username: user.username, permission: input.permission });
    return {};
  }),
);

export const deleteModelPermission = defineVerb(z.object(grantKey), async ({ ctx, input }) =>
  inTransaction(ctx, async (db) => {
    const model = await requireRegisteredModelRow(db, input.name);
    const user = await requireUser(db, input.username);
    if (!(await deleteGrant(db, model.name, user.id))) throw notFound(input.name, input.username);
    await recordAudit(db, ctx.principal, "registered_model_permission.delete", `registered_model:${model.name}`, { username: user.username });
    return {};
  }),
);
