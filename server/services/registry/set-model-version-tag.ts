import { z } from "zod";
import { upsertModelVersionTag } from "../../repositories/model-versions-repository";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { modelVersionKey } from "./get-model-version";
import { requireModelVersionRow } from "./load-registry";
import { validateRegistryTag } from "./registry-rules";

export const setModelVersionTag = defineVerb(
  z.object({ ...modelVersionKey, key: requiredString, value: z.string().nullish().transform((v) => v ?? "") }),
  async ({ ctx, input }) => {
    validateRegistryTag(input);
    const { name, version } = await requireModelVersionRow(ctx.db, input.name, input.version);
    await upsertModelVersionTag(ctx.db, { name, version, key: input.key, value: input.value });
    return {};
  },
);
