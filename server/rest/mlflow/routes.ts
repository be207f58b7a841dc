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
];

const ROUTES_BY_PATH = new Map(MLFLOW_ROUTES.map((route) => [route.path, route]));

export function findRoute(path: string): MlflowRoute | undefined {
  return ROUTES_BY_PATH.get(path);
}
