import { z } from "zod";
import { upsertRegisteredModelTag } from "../../repositories/registered-models-repository";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { requireRegisteredModelRow } from "./load-registry";
import { validateRegistryTag } from "./registry-rules";

export const setRegisteredModelTag = defineVerb(
  z.object({
    name: requiredString,
    key: requiredString,
    value: z.string().nullish().transform((v) => v ?? ""),
  }),
  async ({ ctx, input }) => {
    validateRegistryTag(input);
    await requireRegisteredModelRow(ctx.db, input.name);
    await upsertRegisteredModelTag(ctx.db, { name: input.name, key: input.key, value: input.value });
    return {};
  },
);
