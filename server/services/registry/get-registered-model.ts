import { z } from "zod";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { loadRegisteredModel, requireRegisteredModelRow } from "./load-registry";

export const getRegisteredModel = defineVerb(z.object({ name: requiredString }), async ({ ctx, input }) => ({
  registeredModel: await loadRegisteredModel(ctx.db, await requireRegisteredModelRow(ctx.db, input.name)),
}));
