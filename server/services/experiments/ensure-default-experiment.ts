import { insertExperimentIfMissing } from "../../repositories/experiments-repository";
import type { ServiceContext } from "../context";
import { DEFAULT_EXPERIMENT_ID, DEFAULT_EXPERIMENT_NAME, defaultArtifactLocation } from "./types";

/** Experiment "0", "Default", exists from the first start, as in every MLflow backend. */
export async function ensureDefaultExperiment({ ctx }: { ctx: ServiceContext }): Promise<void> {
  const now = ctx.now();
  await insertExperimentIfMissing(ctx.db, {
    experimentId: Number(DEFAULT_EXPERIMENT_ID),
    name: DEFAULT_EXPERIMENT_NAME,
    artifactLocation: defaultArtifactLocation(ctx.config.defaultArtifactRoot, DEFAULT_EXPERIMENT_ID),
    lifecycleStage: "active",
    creationTime: now,
    lastUpdateTime: now,
  });
}
