import { z } from "zod";
import { updateRunRow } from "../../repositories/runs-repository";
import { defineVerb } from "../verb";
import { runNotFound } from "./load-run";
import { runIdField } from "./run-input";

/** Soft delete: the run keeps its data until gc, and restore-run brings it back. */
export const deleteRun = defineVerb(z.object({ runId: runIdField }), async ({ ctx, input }) => {
  const row = await updateRunRow(ctx.db, input.runId, { lifecycleStage: "deleted", deletedTime: ctx.now() });
  if (!row) throw runNotFound(input.runId);
  return {};
});
