import { z } from "zod";
import { findAlias } from "../../repositories/registered-models-repository";
import { findModelVersion } from "../../repositories/model-versions-repository";
import { requiredString } from "../schemas";
import { defineVerb } from "../verb";
import { loadModelVersion } from "./load-registry";
import { aliasNotFound, modelVersionNotFound } from "./models-uri";
import { validateAlias } from "./registry-rules";

/** The version an alias points at. MLflow's clients resolve `models:/<name>@<alias>` through this. */
export const getModelVersionByAlias = defineVerb(
  z.object({ name: requiredString, alias: requiredString }),
  async ({ ctx, input }) => {
    validateAlias(input.alias);
    const alias = await findAlias(ctx.db, input.name, input.alias);
    if (!alias) throw aliasNotFound(input.alias);
    const row = await findModelVersion(ctx.db, alias.name, alias.version);
    if (!row) throw modelVersionNotFound(alias.name, alias.version);
    return { modelVersion: await loadModelVersion(ctx.db, row) };
  },
);
