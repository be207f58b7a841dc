import { defineVerb } from "../verb";
import { paramInput, runIdField } from "./run-input";
import { writeRunData } from "./write-run-data";

export const logParam = defineVerb(paramInput.extend({ runId: runIdField }), async ({ ctx, input }) => {
  await writeRunData(ctx, input.runId, { params: [{ key: input.key, value: input.value }] });
  return {};
});
