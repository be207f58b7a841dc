import { requireExperimentRow } from "../experiments/load-experiment";
import { experimentIdField } from "../schemas";
import { defineGrantVerbs } from "./grant-verbs";

// MLflow's experiments/permissions/{create,get,update,delete} (grant-verbs.ts).
const verbs = defineGrantVerbs({
  kind: "experiment",
  field: "experimentId",
  fieldSchema: experimentIdField,
  wireField: "experiment_id",
  label: "Experiment permission",
  resultKey: "experimentPermission",
  auditAction: "experiment_permission",
  load: async (db, experimentId) => {
    const experiment = await requireExperimentRow(db, experimentId);
    return { resource: experiment.experimentId, auditTarget: `experiment:${experiment.experimentId}` };
  },
  toWire: (row) => ({ experimentId: String(row.experimentId), userId: row.userId, permission: row.permission }),
});

export const { create: createExperimentPermission, get: getExperimentPermission, update: updateExperimentPermission, delete: deleteExperimentPermission } = verbs;
