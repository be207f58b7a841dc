import { defineVerb } from "../verb";
import { runIdField, tagInput } from "./run-input";
import { writeRunData } from "./write-run-data";

/** Upserts a run tag; setting mlflow.runName renames the run. */
export const setTag = defineVerb(tagInput.extend({ runId: runIdField }), async ({ ctx, input }) => {
  await writeRunData(ctx, input.runId, { tags: [{ key: input.key, value: input.value }] });
  return {};
});
