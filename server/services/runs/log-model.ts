import { z } from "zod";
import { findTagValue, upsertTags } from "../../repositories/runs-repository";
import { invalidParameter } from "../errors";
import { LIMITS } from "../validation";
import { defineVerb, inTransaction } from "../verb";
import { appendToHistory, historyEntryOf, LOGGED_MODEL_HISTORY_TAG } from "./logged-model-history";
import { runIdField } from "./run-input";
import { requireWritableRun } from "./write-run-data";

/**
 * MLflow 2's log_model (and R's mlflow_log_model, MLflow.js logModel) records the model's
 * metadata here: the entry is appended to the run's mlflow.log-model.history tag. The run row is
 * locked exclusively, so that concurrent calls append one after the other and none is lost.
 */
export const logModel = defineVerb(z.object({ runId: runIdField, modelJson: z.string() }), async ({ ctx, input }) => {
  const entry = historyEntryOf(input.modelJson);
  await inTransaction(ctx, async (db) => {
    await requireWritableRun(db, input.runId, "update");
    const value = appendToHistory(input.runId, await findTagValue(db, input.runId, LOGGED_MODEL_HISTORY_TAG), entry);
    // MLflow's tag limit: past it MLflow's SQL store fails (or truncates the JSON); the history stays as it was.
    if (value.length > LIMITS.runTagValueLength) {
      throw invalidParameter(
        `The run ${input.runId} has too many logged models: its '${LOGGED_MODEL_HISTORY_TAG}' tag would exceed ` +
          `the maximum length of ${LIMITS.runTagValueLength} characters.`,
      );
    }
    await upsertTags(db, [{ runUuid: input.runId, key: LOGGED_MODEL_HISTORY_TAG, value }]);
  });
  return {};
});
