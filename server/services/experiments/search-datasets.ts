import { z } from "zod";
import { findDatasetSummaries } from "../../repositories/inputs-repository";
import { invalidParameter } from "../errors";
import { experimentIdList } from "../schemas";
import { parseExperimentId } from "../validation";
import { defineVerb } from "../verb";

// MLflow's bounds: at most 20 experiments per request, at most 1000 summaries per answer.
const MAX_EXPERIMENTS = 20;
const MAX_SUMMARIES = 1000;

export interface DatasetSummary {
  experimentId: string;
  name: string;
  digest: string;
  context?: string;
}

/**
 * POST mlflow/experiments/search-datasets: the distinct datasets (name, digest, and the
 * mlflow.data.context of each use) that runs of the experiments logged — the UI's dataset filter.
 */
export const searchDatasets = defineVerb(z.object({ experimentIds: experimentIdList.default([]) }), async ({ ctx, input }) => {
  if (input.experimentIds.length === 0) {
    throw invalidParameter("SearchDatasets request must specify at least one experiment_id.");
  }
  if (input.experimentIds.length > MAX_EXPERIMENTS) {
    throw invalidParameter(
      `SearchDatasets request cannot specify more than ${MAX_EXPERIMENTS} experiment_ids. Received ${input.experimentIds.length} experiment_ids.`,
    );
  }
  const ids = input.experimentIds.flatMap((id) => parseExperimentId(id) ?? []);
  const rows = await findDatasetSummaries(ctx.db, ids, MAX_SUMMARIES);
  const datasetSummaries: DatasetSummary[] = rows.map((r) => ({
    experimentId: String(r.experiment_id),
    name: r.name,
    digest: r.digest,
    context: r.context ?? undefined,
  }));
  return { datasetSummaries };
});
