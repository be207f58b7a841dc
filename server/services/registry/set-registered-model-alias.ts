import { z } from "zod";
import { upsertAlias } from "../../repositories/registered-models-repository";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { requireModelVersionRow } from "./load-registry";
import { validateAlias, versionField } from "./registry-rules";

/** Points an alias at a version; an alias names one version, so it leaves the one it was on. */
export const setRegisteredModelAlias = defineVerb(
  z.object({ name: requiredString, alias: requiredString, version: versionField }),
  async ({ ctx, input }) => {
    validateAlias(input.alias);
    const row = await requireModelVersionRow(ctx.db, input.name, input.version);
    await upsertAlias(ctx.db, { name: row.name, alias: input.alias, version: row.version });
    return {};
  },
);
