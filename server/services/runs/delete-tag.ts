import { z } from "zod";
import { deleteTag as deleteTagRow } from "../../repositories/runs-repository";
import { doesNotExist } from "../errors";
import { requiredString } from "../schemas";
import { defineVerb, inTransaction } from "../verb";
import { runIdField } from "./run-input";
import { requireWritableRun } from "./write-run-data";

export const deleteTag = defineVerb(z.object({ runId: runIdField, key: requiredString }), async ({ ctx, input }) => {
  await inTransaction(ctx, async (db) => {
    await requireWritableRun(db, input.runId);
    if (!(await deleteTagRow(db, input.runId, input.key))) {
      throw doesNotExist(`No tag with name: ${input.key} in run with id ${input.runId}`);
    }
  });
  return {};
});
