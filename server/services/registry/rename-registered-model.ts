import { z } from "zod";
import { renameRegisteredModelRow } from "../../repositories/registered-models-repository";
import { touchModelVersions } from "../../repositories/model-versions-repository";
import { MlflowError } from "../errors";
import { requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { loadRegisteredModel, registeredModelNotFound } from "./load-registry";
import { modelNameField } from "./registry-rules";

/**
 * Renames a model. Its versions, tags and aliases follow through ON UPDATE CASCADE; every version
 * counts as updated, as in MLflow. A taken name is refused by the primary key itself (race-free).
 */
export const renameRegisteredModel = defineVerb(
  z.object({ name: requiredString, newName: modelNameField }),
  async ({ ctx, input }) => {
    return inTransaction(ctx, async (db) => {
      const now = ctx.now();
      const row = await renameRegisteredModelRow(db, input.name, input.newName, now);
      if (row === "name-taken") throw new MlflowError("RESOURCE_ALREADY_EXISTS", `Registered Model (name=${input.newName}) already exists.`);
      if (!row) throw registeredModelNotFound(input.name);
      await touchModelVersions(db, input.newName, now);
      return { registeredModel: await loadRegisteredModel(db, row) };
    });
  },
);
