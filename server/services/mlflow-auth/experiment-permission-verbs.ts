import { z } from "zod";
import { changeAccess } from "../../auth/access-changes";
import { recordAudit } from "../../auth/audit";
import {
  deleteExperimentPermission as deleteGrant,
  findUserExperimentPermission,
  insertExperimentPermission,
  updateExperimentPermission as updateGrant,
  type ExperimentPermissionRow,
} from "../../repositories/permissions-repository";
import { MlflowError } from "../errors";
import { requireExperimentRow } from "../experiments/load-experiment";
import { experimentIdField } from "../schemas";
import { defineVerb } from "../verb";
import { permissionField, requireUser, usernameField } from "./auth-fields";

// MLflow's experiments/permissions/{create,get,update,delete}: one user's own grant on one experiment.
// Grouped as one resource's four small verbs; the route rules ask MANAGE on the experiment.

const grantKey = { experimentId: experimentIdField, username: usernameField };
const toWire = (row: ExperimentPermissionRow) => ({ experimentId: String(row.experimentId), userId: row.userId, permission: row.permission });
const notFound = (experimentId: string, username: string) =>
  new MlflowError("RESOURCE_DOES_NOT_EXIST", `Experiment permission with experiment_id=${experimentId} and username=${username} not found`);

export const createExperimentPermission = defineVerb(z.object({ ...grantKey, permission: permissionField }), async ({ ctx, input }) =>
  changeAccess(ctx.db, async (db) => {
    const experiment = await requireExperimentRow(db, input.experimentId);
    const user = await requireUser(db, input.username);
    const row = await insertExperimentPermission(db, experiment.experimentId, user.id, input.permission);
    if (!row) {
      throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Experiment permission (experiment_id=${input.experimentId}, username=${input.username}) already exists`);
    }
    await recordAudit(db, ctx.principal, "experiment_permission.create", `experiment:${experiment.experimentId}`, { username: user.username, permission: input.permission });
    return { experimentPermission: toWire(row) };
  }),
);

export const getExperimentPermission = defineVerb(z.object(grantKey), async ({ ctx, input }) => {
  const experiment = await requireExperimentRow(ctx.db, input.experimentId);
  const user = await requireUser(ctx.db, input.username);
  const row = await findUserExperimentPermission(ctx.db, experiment.experimentId, user.id);
  if (!row) throw notFound(input.experimentId, input.username);
  return { experimentPermission: toWire(row) };
});

export const updateExperimentPermission = defineVerb(z.object({ ...grantKey, permission: permissionField }), async ({ ctx, input }) =>
  changeAccess(ctx.db, async (db) => {
    const experiment = await requireExperimentRow(db, input.experimentId);
    const user = await requireUser(db, input.username);
    if (!(await updateGrant(db, experiment.experimentId, user.id, input.permission))) throw notFound(input.experimentId, input.username);
    await recordAudit(db, ctx.principal, "experiment_permission.update", `experiment:${experiment.experimentId}`, { username: user.username, permission: input.permission });
    return {};
  }),
);

export const deleteExperimentPermission = defineVerb(z.object(grantKey), async ({ ctx, input }) =>
  changeAccess(ctx.db, async (db) => {
    const experiment = await requireExperimentRow(db, input.experimentId);
    const user = await requireUser(db, input.username);
    if (!(await deleteGrant(db, experiment.experimentId, user.id))) throw notFound(input.experimentId, input.username);
    await recordAudit(db, ctx.principal, "experiment_permission.delete", `experiment:${experiment.experimentId}`, { username: user.username });
    return {};
  }),
);
