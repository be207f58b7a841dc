import { z } from "zod";
import { updateLoggedModelRow } from "../../repositories/logged-models-repository";
import { defineVerb, inTransaction } from "../verb";
import { requireLoggedModelRow } from "./load-logged-model";
import { modelIdField } from "./logged-model-input";

/** DELETE mlflow/logged-models/{model_id}: a soft delete (get answers it only with allow_deleted). */
export const deleteLoggedModel = defineVerb(z.object({ modelId: modelIdField }), async ({ ctx, input }) => {
  await inTransaction(ctx, async (db) => {
    await requireLoggedModelRow(db, input.modelId);
    await updateLoggedModelRow(db, input.modelId, { lifecycleStage: "deleted", lastUpdatedTimestampMs: ctx.now() });
  });
  return {};
});
