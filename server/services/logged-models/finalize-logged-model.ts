import { z } from "zod";
import { updateLoggedModelRow } from "../../repositories/logged-models-repository";
import { invalidParameter } from "../errors";
import { loggedModelStatus } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { loadLoggedModel, requireLoggedModelRow } from "./load-logged-model";
import { modelIdField } from "./logged-model-input";
import { STATUS_CODES } from "./types";

/** PATCH mlflow/logged-models/{model_id}: the upload ended, READY or UPLOAD_FAILED. */
export const finalizeLoggedModel = defineVerb(
  z.object({ modelId: modelIdField, status: loggedModelStatus }),
  async ({ ctx, input }) => {
    if (input.status === "LOGGED_MODEL_PENDING") {
      throw invalidParameter(`Invalid value 'LOGGED_MODEL_PENDING' for parameter 'status': a model is finalized as LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.`);
    }
    return inTransaction(ctx, async (db) => {
      await requireLoggedModelRow(db, input.modelId);
      const row = await updateLoggedModelRow(db, input.modelId, { status: STATUS_CODES[input.status], lastUpdatedTimestampMs: ctx.now() });
      return { model: await loadLoggedModel(db, row!) };
    });
  },
);
