import { z } from "zod";
import { findLoggedModelParams, insertLoggedModelParams } from "../../repositories/logged-models-repository";
import { defineVerb, inTransaction } from "../verb";
import { requireLoggedModelRow } from "./load-logged-model";
import { loggedModelKeyValues, modelIdField, rejectChangedParams, rejectDuplicateKeys, toModelKeyValues } from "./logged-model-input";

/** POST mlflow/logged-models/{model_id}/params: params are immutable, as a run's are. */
export const logLoggedModelParams = defineVerb(z.object({ modelId: modelIdField, params: loggedModelKeyValues }), async ({ ctx, input }) => {
  const params = toModelKeyValues("param", input.params);
  rejectDuplicateKeys(params);
  await inTransaction(ctx, async (db) => {
    const model = await requireLoggedModelRow(db, input.modelId);
    const existing = await findLoggedModelParams(db, input.modelId, params.map((p) => p.key));
    rejectChangedParams(input.modelId, params, existing);
    await insertLoggedModelParams(db, model, params);
  });
  return {};
});
