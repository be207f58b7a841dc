import { z } from "zod";
import { findRegisteredModel } from "../../repositories/registered-models-repository";
import { invalidParameter } from "../errors";
import { createModelVersion } from "../registry/create-model-version";
import { createRegisteredModel } from "../registry/create-registered-model";
import { modelNameField } from "../registry/registry-rules";
import { defineVerb, invokeVerb } from "../verb";
import { requireLoggedModelRow } from "./load-logged-model";
import { modelIdField } from "./logged-model-input";

/**
 * The UI's "register this checkpoint": a new version of `name` (the registered model is created
 * when missing) whose source is the logged model, as `mlflow.register_model("models:/m-…", name)`.
 */
export const registerLoggedModel = defineVerb(z.object({ modelId: modelIdField, name: modelNameField }), async ({ ctx, input }) => {
  const model = await requireLoggedModelRow(ctx.db, input.modelId);
  const source = `models:/${model.modelId}`;
  // Refused sources are refused before the registered model is created: nothing half-written.
  if (ctx.config.modelVersionSourcePattern && !ctx.config.modelVersionSourcePattern.test(source)) {
    throw invalidParameter(`Invalid model version source: '${source}'.`);
  }
  if (!(await findRegisteredModel(ctx.db, input.name))) {
    await invokeVerb(createRegisteredModel, ctx, { name: input.name }).catch(async (error) => {
      // Another request created it in between: registering into it is what was asked.
      if (!(await findRegisteredModel(ctx.db, input.name))) throw error;
    });
  }
  return invokeVerb(createModelVersion, ctx, { name: input.name, source, modelId: model.modelId, runId: model.sourceRunId ?? undefined });
});
