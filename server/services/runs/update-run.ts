import { z } from "zod";
import { updateRunRow, upsertTags } from "../../repositories/runs-repository";
import { int64, runStatus } from "../schemas";
import { validateRunName } from "../validation";
import { defineVerb, inTransaction } from "../verb";
import { toRunInfo } from "./load-run";
import { RUN_NAME_TAG } from "./types";
import { runIdField } from "./run-input";
import { requireWritableRun } from "./write-run-data";

/** Updates only the fields given: status, end_time, run_name (which also moves mlflow.runName). */
export const updateRun = defineVerb(
  z.object({
    runId: runIdField,
    status: runStatus.optional(),
    endTime: int64.optional(),
    runName: z.string().optional(),
  }),
  async ({ ctx, input }) => {
    if (input.runName) validateRunName(input.runName);
    return inTransaction(ctx, async (db) => {
      await requireWritableRun(db, input.runId);
      const row = await updateRunRow(db, input.runId, {
        ...(input.status !== undefined && { status: input.status }),
        ...(input.endTime !== undefined && { endTime: input.endTime }),
        ...(input.runName && { name: input.runName }),
      });
      if (input.runName) await upsertTags(db, [{ runUuid: input.runId, key: RUN_NAME_TAG, value: input.runName }]);
      return { runInfo: toRunInfo(row!) };
    });
  },
);
