import { requireRegisteredModelRow } from "../registry/load-registry";
import { requiredString } from "../schemas";
import { defineGrantVerbs } from "./grant-verbs";

// MLflow's registered-models/permissions/{create,get,update,delete} (grant-verbs.ts).
const verbs = defineGrantVerbs({
  kind: "model",
  field: "name",
  fieldSchema: requiredString,
  wireField: "name",
  label: "Registered model permission",
  resultKey: "registeredModelPermission",
  auditAction: "registered_model_permission",
  load: async (db, name) => {
    const model = await requireRegisteredModelRow(db, name);
    return { resource: model.name, auditTarget: `registered_model:${model.name}` };
  },
  toWire: (row) => ({ name: row.name, userId: row.userId, permission: row.permission }),
});

export const { create: createModelPermission, get: getModelPermission, update: updateModelPermission, delete: deleteModelPermission } = verbs;
