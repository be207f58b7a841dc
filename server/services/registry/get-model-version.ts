import { z } from "zod";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { loadModelVersion, requireModelVersionRow } from "./load-registry";
import { versionField } from "./registry-rules";

export const modelVersionKey = { name: requiredString, version: versionField };

export const getModelVersion = defineVerb(z.object(modelVersionKey), async ({ ctx, input }) => ({
  modelVersion: await loadModelVersion(ctx.db, await requireModelVersionRow(ctx.db, input.name, input.version)),
}));
