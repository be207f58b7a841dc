import { z } from "zod";
import { findLatestVersionsPerStage } from "../../repositories/model-versions-repository";
import { requiredString, stringList } from "../schemas";
import { defineVerb } from "../verb";
import { assembleModelVersions, requireRegisteredModelRow } from "./load-registry";
import type { ModelVersion } from "./types";
import { canonicalStage } from "./registry-rules";

/** The newest version in each requested stage (any letter case); no stages means every stage. */
export const getLatestVersions = defineVerb(
  z.object({ name: requiredString, stages: stringList.default([]) }),
  async ({ ctx, input }): Promise<{ modelVersions: ModelVersion[] }> => {
    await requireRegisteredModelRow(ctx.db, input.name);
    const wanted = new Set(input.stages.map(canonicalStage));
    const latest = (await findLatestVersionsPerStage(ctx.db, [input.name]))
      .filter((row) => wanted.size === 0 || wanted.has(row.currentStage as never))
      .sort((a, b) => a.firstVersion - b.firstVersion);
    return { modelVersions: await assembleModelVersions(ctx.db, latest) };
  },
);
