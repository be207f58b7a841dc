import { z } from "zod";
import { updateRunRow } from "../../repositories/runs-repository";
import { defineVerb } from "../verb";
import { runNotFound } from "./load-run";
import { runIdField } from "./run-input";

export const restoreRun = defineVerb(z.object({ runId: runIdField }), async ({ ctx, input }) => {
  const row = await updateRunRow(ctx.db, input.runId, { lifecycleStage: "active", deletedTime: null });
  if (!row) throw runNotFound(input.runId);
  return {};
});
