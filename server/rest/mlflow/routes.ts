import type { Verb } from "../../services/verb";
import { createExperiment } from "../../services/experiments/create-experiment";
import { deleteExperiment } from "../../services/experiments/delete-experiment";
import { deleteExperimentTag } from "../../services/experiments/delete-experiment-tag";
import { getExperiment } from "../../services/experiments/get-experiment";
import { getExperimentByName } from "../../services/experiments/get-experiment-by-name";
import { restoreExperiment } from "../../services/experiments/restore-experiment";
import { searchExperiments } from "../../services/experiments/search-experiments";
import { setExperimentTag } from "../../services/experiments/set-experiment-tag";
import { updateExperiment } from "../../services/experiments/update-experiment";
import { listRunArtifacts } from "../../services/artifacts/list-run-artifacts";
import { getMetricHistory } from "../../services/metrics/get-metric-history";
import { getMetricHistoryBulkInterval } from "../../services/metrics/get-metric-history-bulk-interval";
import { createModelVersion } from "../../services/registry/create-model-version";
import { createRegisteredModel } from "../../services/registry/create-registered-model";
import { deleteModelVersion } from "../../services/registry/delete-model-version";
import { deleteModelVersionTag } from "../../services/registry/delete-model-version-tag";
import { deleteRegisteredModel } from "../../services/registry/delete-registered-model";
import { deleteRegisteredModelAlias } from "../../services/registry/delete-registered-model-alias";
import { deleteRegisteredModelTag } from "../../services/registry/delete-registered-model-tag";
import { getLatestVersions } from "../../services/registry/get-latest-versions";
import { getModelVersion } from "../../services/registry/get-model-version";
import { getModelVersionByAlias } from "../../services/registry/get-model-version-by-alias";
import { getModelVersionDownloadUri } from "../../services/registry/get-model-version-download-uri";
import { getRegisteredModel } from "../../services/registry/get-registered-model";
import { renameRegisteredModel } from "../../services/registry/rename-registered-model";
import { searchModelVersions } from "../../services/registry/search-model-versions";
import { searchRegisteredModels } from "../../services/registry/search-registered-models";
import { setModelVersionTag } from "../../services/registry/set-model-version-tag";
import { setRegisteredModelAlias } from "../../services/registry/set-registered-model-alias";
import { setRegisteredModelTag } from "../../services/registry/set-registered-model-tag";
import { transitionModelVersionStage } from "../../services/registry/transition-model-version-stage";
import { updateModelVersion } from "../../services/registry/update-model-version";
import { updateRegisteredModel } from "../../services/registry/update-registered-model";
import { createRun } from "../../services/runs/create-run";
import { deleteRun } from "../../services/runs/delete-run";
import { deleteTag } from "../../services/runs/delete-tag";
import { getRun } from "../../services/runs/get-run";
import { logBatch } from "../../services/runs/log-batch";
import { logInputs } from "../../services/runs/log-inputs";
import { logMetric } from "../../services/runs/log-metric";
import { logParam } from "../../services/runs/log-param";
import { restoreRun } from "../../services/runs/restore-run";
import { searchRuns } from "../../services/runs/search-runs";
import { setTag } from "../../services/runs/set-tag";
import { updateRun } from "../../services/runs/update-run";
import { LIMITS } from "../../services/validation";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface MlflowRoute {
  methods: HttpMethod[];
  /** Path below the `/api/2.0/mlflow` (or `/ajax-api/2.0/mlflow`) prefix. */
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  verb: Verb<any, unknown>;
  maxBodyBytes?: number;
}

/** Every MLflow tracking endpoint Metron serves: one line each, shared by both URL prefixes. */
export const MLFLOW_ROUTES: MlflowRoute[] = [
  { methods: ["POST"], path: "experiments/create", verb: createExperiment },
  { methods: ["GET"], path: "experiments/get", verb: getExperiment },
  { methods: ["GET"], path: "experiments/get-by-name", verb: getExperimentByName },
  { methods: ["POST", "GET"], path: "experiments/search", verb: searchExperiments },
  { methods: ["POST"], path: "experiments/update", verb: updateExperiment },
  { methods: ["POST"], path: "experiments/delete", verb: deleteExperiment },
  { methods: ["POST"], path: "experiments/restore", verb: restoreExperiment },
  { methods: ["POST"], path: "experiments/set-experiment-tag", verb: setExperimentTag },
  { methods: ["POST"], path: "experiments/delete-experiment-tag", verb: deleteExperimentTag },

  { methods: ["POST"], path: "runs/create", verb: createRun },
  { methods: ["GET"], path: "runs/get", verb: getRun },
  { methods: ["POST"], path: "runs/update", verb: updateRun },
  { methods: ["POST"], path: "runs/delete", verb: deleteRun },
  { methods: ["POST"], path: "runs/restore", verb: restoreRun },
  { methods: ["POST"], path: "runs/log-metric", verb: logMetric },
  { methods: ["POST"], path: "runs/log-parameter", verb: logParam },
  { methods: ["POST"], path: "runs/set-tag", verb: setTag },
  { methods: ["POST"], path: "runs/delete-tag", verb: deleteTag },
  { methods: ["POST"], path: "runs/log-batch", verb: logBatch, maxBodyBytes: LIMITS.batch.bodyBytes },
  { methods: ["POST"], path: "runs/search", verb: searchRuns },
  { methods: ["POST"], path: "runs/log-inputs", verb: logInputs },

  { methods: ["GET"], path: "metrics/get-history", verb: getMetricHistory },
  { methods: ["GET"], path: "metrics/get-history-bulk-interval", verb: getMetricHistoryBulkInterval },

  { methods: ["GET"], path: "artifacts/list", verb: listRunArtifacts },

  { methods: ["POST"], path: "registered-models/create", verb: createRegisteredModel },
  { methods: ["GET"], path: "registered-models/get", verb: getRegisteredModel },
  { methods: ["POST"], path: "registered-models/rename", verb: renameRegisteredModel },
  { methods: ["PATCH"], path: "registered-models/update", verb: updateRegisteredModel },
  { methods: ["DELETE"], path: "registered-models/delete", verb: deleteRegisteredModel },
  { methods: ["GET"], path: "registered-models/search", verb: searchRegisteredModels },
  { methods: ["POST", "GET"], path: "registered-models/get-latest-versions", verb: getLatestVersions },
  { methods: ["POST"], path: "registered-models/set-tag", verb: setRegisteredModelTag },
  { methods: ["DELETE"], path: "registered-models/delete-tag", verb: deleteRegisteredModelTag },
  { methods: ["POST"], path: "registered-models/alias", verb: setRegisteredModelAlias },
  { methods: ["DELETE"], path: "registered-models/alias", verb: deleteRegisteredModelAlias },
  { methods: ["GET"], path: "registered-models/alias", verb: getModelVersionByAlias },

  { methods: ["POST"], path: "model-versions/create", verb: createModelVersion },
  { methods: ["GET"], path: "model-versions/get", verb: getModelVersion },
  { methods: ["PATCH"], path: "model-versions/update", verb: updateModelVersion },
  { methods: ["DELETE"], path: "model-versions/delete", verb: deleteModelVersion },
  { methods: ["GET"], path: "model-versions/search", verb: searchModelVersions },
  { methods: ["POST"], path: "model-versions/transition-stage", verb: transitionModelVersionStage },
  { methods: ["GET"], path: "model-versions/get-download-uri", verb: getModelVersionDownloadUri },
  { methods: ["POST"], path: "model-versions/set-tag", verb: setModelVersionTag },
  { methods: ["DELETE"], path: "model-versions/delete-tag", verb: deleteModelVersionTag },
];

// A path may have one route per method (registered-models/alias: POST sets, GET reads, DELETE removes).
const ROUTES_BY_PATH = new Map<string, MlflowRoute[]>();
for (const route of MLFLOW_ROUTES) ROUTES_BY_PATH.set(route.path, [...(ROUTES_BY_PATH.get(route.path) ?? []), route]);

/** The routes at a path (empty when there are none). */
export function findRoutes(path: string): MlflowRoute[] {
  return ROUTES_BY_PATH.get(path) ?? [];
}
