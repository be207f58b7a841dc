import { z } from "zod";
import { requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { deleteRun } from "./delete-run";
import { restoreRun } from "./restore-run";
import { setTag } from "./set-tag";
import { tagInput } from "./run-input";

export const MAX_BULK_RUNS = 1000;

/**
 * One action on many runs (the runs table's bulk delete, restore and set-tag), through the same
 * verbs as the single-run endpoints, in ONE transaction: an unknown run id fails the whole
 * request and changes nothing.
 */
export const updateRuns = defineVerb(
  z.object({
    runIds: z.array(requiredString).min(1).max(MAX_BULK_RUNS),
    action: z.discriminatedUnion("type", [
      z.object({ type: z.literal("delete") }),
      z.object({ type: z.literal("restore") }),
      z.object({ type: z.literal("setTag"), tag: tagInput }),
    ]),
  }),
  async ({ ctx, input }) => {
    const { action } = input;
    await inTransaction(ctx, async (db) => {
      const txCtx = { ...ctx, db };
      for (const runId of new Set(input.runIds)) {
        if (action.type === "delete") await deleteRun({ ctx: txCtx, input: { runId } });
        else if (action.type === "restore") await restoreRun({ ctx: txCtx, input: { runId } });
        else await setTag({ ctx: txCtx, input: { runId, ...action.tag } });
      }
    });
    return { updated: new Set(input.runIds).size };
  },
);
