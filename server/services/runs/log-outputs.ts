import { z } from "zod";
import { insertModelLinks } from "../../repositories/inputs-repository";
import { requireLoggedModels } from "../logged-models/require-logged-models";
import { int64, requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { runIdField } from "./run-input";
import { requireWritableRun } from "./write-run-data";

/**
 * POST mlflow/runs/outputs (MLflow 3 LogOutputs): the logged models a run produced, each at a
 * step — a training run's checkpoints. runs/get lists them under outputs.model_outputs.
 */
export const logOutputs = defineVerb(
  z.object({
    runId: runIdField,
    models: z.array(z.object({ modelId: requiredString, step: int64.default(0) })).min(1),
  }),
  async ({ ctx, input }) => {
    await inTransaction(ctx, async (db) => {
      await requireWritableRun(db, input.runId);
      await requireLoggedModels(db, input.models.map((m) => m.modelId));
      await insertModelLinks(db, input.runId, "output", input.models);
    });
    return {};
  },
);
