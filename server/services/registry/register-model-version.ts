import { z } from "zod";
import { deleteRegisteredModel as deleteModelRow, findRegisteredModel } from "../../repositories/registered-models-repository";
import { createModelVersion } from "./create-model-version";
import { createRegisteredModel } from "./create-registered-model";
import { defineVerb } from "../verb";
import { modelNameField } from "./registry-rules";

/**
 * The UI's "Register model": a new version of a model, created first when the name is new (what
 * MLflow's client does in mlflow.register_model). If the version is refused, a model created here
 * is removed again, so a failed registration leaves nothing behind.
 */
export const registerModelVersion = defineVerb(
  createModelVersion.input.extend({ name: modelNameField }),
  async ({ ctx, input }) => {
    const isNewModel = !(await findRegisteredModel(ctx.db, input.name));
    if (isNewModel) await createRegisteredModel({ ctx, input: { name: input.name, tags: [] } });
    try {
      const { modelVersion } = await createModelVersion({ ctx, input });
      return { modelVersion, isNewModel };
    } catch (error) {
      if (isNewModel) await deleteModelRow(ctx.db, input.name);
      throw error;
    }
  },
);
