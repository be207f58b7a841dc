import { z } from "zod";
import { defineVerb } from "../verb";
import { loadRun } from "./load-run";
import { runIdField } from "./run-input";

/** Deleted runs are returned too (lifecycle_stage "deleted"). */
export const getRun = defineVerb(z.object({ runId: runIdField }), async ({ ctx, input }) => ({
  run: await loadRun(ctx.db, input.runId),
}));
