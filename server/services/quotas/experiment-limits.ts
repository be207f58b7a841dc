import type { Db } from "../../db/types";
import type { QuotaSettings } from "../../env";
import { findExperimentQuota, findExperimentQuotaOfRun, type ExperimentQuotaRow } from "../../repositories/quota-repository";

/** The limits that apply in one experiment: its own where an admin set them, else the server's. */
export interface ExperimentLimits {
  maxRuns?: number;
  maxParamsPerRun?: number;
  maxTagsPerRun?: number;
  maxMetricStepsPerRun?: number;
  maxArtifactBytes?: number;
}

export function mergeLimits(server: QuotaSettings, own: ExperimentQuotaRow | null): ExperimentLimits {
  return {
    maxRuns: own?.maxRuns ?? server.maxRunsPerExperiment,
    maxParamsPerRun: own?.maxParamsPerRun ?? server.maxParamsPerRun,
    maxTagsPerRun: own?.maxTagsPerRun ?? server.maxTagsPerRun,
    maxMetricStepsPerRun: own?.maxMetricStepsPerRun ?? server.maxMetricStepsPerRun,
    maxArtifactBytes: own?.maxArtifactBytes ?? server.maxArtifactBytesPerExperiment,
  };
}

export async function experimentLimits(db: Db, server: QuotaSettings, experimentId: number): Promise<ExperimentLimits> {
  return mergeLimits(server, await findExperimentQuota(db, experimentId));
}

/** The limits of the experiment `runId` is in (read in the caller's transaction, after its lock on the run). */
export async function experimentLimitsOfRun(db: Db, server: QuotaSettings, runId: string): Promise<ExperimentLimits> {
  return mergeLimits(server, await findExperimentQuotaOfRun(db, runId));
}
