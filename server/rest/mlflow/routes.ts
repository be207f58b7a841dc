import type { AccessRule } from "../../auth/access-rule";
import { experimentIn, experimentNamed, experimentsIn, loggedModelIn, modelIn, runIn, runsIn } from "../../auth/resource-refs";
import { ADMIN, allOf, edit, LISTING, manage, read, SIGNED_IN } from "../../auth/rules";
import { REGISTER_VERSION_ACCESS } from "../../auth/source-refs";
import { createExperimentPermission, deleteExperimentPermission, getExperimentPermission, updateExperimentPermission } from "../../services/mlflow-auth/experiment-permission-verbs";
import { createModelPermission, deleteModelPermission, getModelPermission, updateModelPermission } from "../../services/mlflow-auth/model-permission-verbs";
import { createUser, deleteUser, getUser, updateUserAdmin, updateUserPassword } from "../../services/mlflow-auth/user-verbs";
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
import { searchDatasets } from "../../services/experiments/search-datasets";
import { listRunArtifacts } from "../../services/artifacts/list-run-artifacts";
import { createLoggedModel } from "../../services/logged-models/create-logged-model";
import { deleteLoggedModel } from "../../services/logged-models/delete-logged-model";
import { deleteLoggedModelTag } from "../../services/logged-models/delete-logged-model-tag";
import { finalizeLoggedModel } from "../../services/logged-models/finalize-logged-model";
import { getLoggedModel } from "../../services/logged-models/get-logged-model";
import { getLoggedModelArtifact } from "../../services/logged-models/get-logged-model-artifact";
import { listLoggedModelArtifacts } from "../../services/logged-models/list-logged-model-artifacts";
import { logLoggedModelParams } from "../../services/logged-models/log-logged-model-params";
import { searchLoggedModels } from "../../services/logged-models/search-logged-models";
import { setLoggedModelTags } from "../../services/logged-models/set-logged-model-tags";
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
import { logModel } from "../../services/runs/log-model";
import { logOutputs } from "../../services/runs/log-outputs";
import { logParam } from "../../services/runs/log-param";
import { restoreRun } from "../../services/runs/restore-run";
import { searchRunsWithJsonData } from "../../services/runs/search-runs";
import { setTag } from "../../services/runs/set-tag";
import { updateRun } from "../../services/runs/update-run";
import { LIMITS } from "../../services/validation";
import type { JsonPieces } from "../http/json-pieces";
import { writeHistoryPage } from "./history-page-writer";
import { writeRunsPage } from "./runs-page-writer";

export type HttpMethod = "GET" | "POST" | "PATCH" | "DELETE";

export interface MlflowRoute {
  methods: HttpMethod[];
  /**
   * Path below the `/api/2.0/mlflow` (or `/ajax-api/2.0/mlflow`) prefix. A `:name` segment takes
   * one path segment into the request field `name`; a final `:name*` takes the rest of the path.
   */
  path: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  verb: Verb<any, unknown>;
  /** Who may call it (server/auth/gate.ts checks it before the verb runs); the matrix test has a row for each. */
  access: AccessRule;
  maxBodyBytes?: number;
  /** The verb answers a file (an ArtifactDownload, given the Range header) instead of JSON. */
  isDownload?: boolean;
  /** Writes the verb's result as the body, in place of toWire + JSON.stringify. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  writeBody?: (result: any) => JsonPieces;
}

/** Every MLflow tracking endpoint Metron serves: one line each, shared by both URL prefixes. */
export const MLFLOW_ROUTES: MlflowRoute[] = [
  { methods: ["POST"], path: "experiments/create", verb: createExperiment, access: SIGNED_IN },
  { methods: ["GET"], path: "experiments/get", verb: getExperiment, access: read(experimentIn("experimentId")) },
  { methods: ["GET"], path: "experiments/get-by-name", verb: getExperimentByName, access: read(experimentNamed("experimentName")) },
  { methods: ["POST", "GET"], path: "experiments/search", verb: searchExperiments, access: LISTING },
  { methods: ["POST"], path: "experiments/update", verb: updateExperiment, access: edit(experimentIn("experimentId")) },
  { methods: ["POST"], path: "experiments/delete", verb: deleteExperiment, access: manage(experimentIn("experimentId")) },
  { methods: ["POST"], path: "experiments/restore", verb: restoreExperiment, access: manage(experimentIn("experimentId")) },
  { methods: ["POST"], path: "experiments/set-experiment-tag", verb: setExperimentTag, access: edit(experimentIn("experimentId")) },
  { methods: ["POST"], path: "experiments/delete-experiment-tag", verb: deleteExperimentTag, access: edit(experimentIn("experimentId")) },
  { methods: ["POST"], path: "experiments/search-datasets", verb: searchDatasets, access: read(experimentsIn("experimentIds")) },

  { methods: ["POST"], path: "runs/create", verb: createRun, access: edit(experimentIn("experimentId")) },
  { methods: ["GET"], path: "runs/get", verb: getRun, access: read(runIn("runId")) },
  { methods: ["POST"], path: "runs/update", verb: updateRun, access: edit(runIn("runId")) },
  { methods: ["POST"], path: "runs/delete", verb: deleteRun, access: manage(runIn("runId")) },
  { methods: ["POST"], path: "runs/restore", verb: restoreRun, access: manage(runIn("runId")) },
  { methods: ["POST"], path: "runs/log-metric", verb: logMetric, access: edit(runIn("runId")) },
  { methods: ["POST"], path: "runs/log-parameter", verb: logParam, access: edit(runIn("runId")) },
  { methods: ["POST"], path: "runs/set-tag", verb: setTag, access: edit(runIn("runId")) },
  { methods: ["POST"], path: "runs/delete-tag", verb: deleteTag, access: edit(runIn("runId")) },
  { methods: ["POST"], path: "runs/log-batch", verb: logBatch, access: edit(runIn("runId")), maxBodyBytes: LIMITS.batch.bodyBytes },
  // Runs' data comes as JSON text from the database, written into the body as it is.
  { methods: ["POST"], path: "runs/search", verb: searchRunsWithJsonData, access: read(experimentsIn("experimentIds")), writeBody: writeRunsPage },
  { methods: ["POST"], path: "runs/log-inputs", verb: logInputs, access: edit(runIn("runId")) },
  { methods: ["POST"], path: "runs/outputs", verb: logOutputs, access: edit(runIn("runId")) },
  { methods: ["POST"], path: "runs/log-model", verb: logModel, access: edit(runIn("runId")) },

  // The points come as JSON text from the database, written into the body as they are.
  { methods: ["GET"], path: "metrics/get-history", verb: getMetricHistory, access: read(runIn("runId")), writeBody: writeHistoryPage },
  { methods: ["GET"], path: "metrics/get-history-bulk-interval", verb: getMetricHistoryBulkInterval, access: read(runsIn("runIds")) },

  { methods: ["GET"], path: "artifacts/list", verb: listRunArtifacts, access: read(runIn("runId")) },

  { methods: ["POST"], path: "registered-models/create", verb: createRegisteredModel, access: SIGNED_IN },
  { methods: ["GET"], path: "registered-models/get", verb: getRegisteredModel, access: read(modelIn("name")) },
  { methods: ["POST"], path: "registered-models/rename", verb: renameRegisteredModel, access: edit(modelIn("name")) },
  { methods: ["PATCH"], path: "registered-models/update", verb: updateRegisteredModel, access: edit(modelIn("name")) },
  { methods: ["DELETE"], path: "registered-models/delete", verb: deleteRegisteredModel, access: manage(modelIn("name")) },
  { methods: ["GET"], path: "registered-models/search", verb: searchRegisteredModels, access: LISTING },
  { methods: ["POST", "GET"], path: "registered-models/get-latest-versions", verb: getLatestVersions, access: read(modelIn("name")) },
  { methods: ["POST"], path: "registered-models/set-tag", verb: setRegisteredModelTag, access: edit(modelIn("name")) },
  { methods: ["DELETE"], path: "registered-models/delete-tag", verb: deleteRegisteredModelTag, access: edit(modelIn("name")) },
  { methods: ["POST"], path: "registered-models/alias", verb: setRegisteredModelAlias, access: edit(modelIn("name")) },
  { methods: ["DELETE"], path: "registered-models/alias", verb: deleteRegisteredModelAlias, access: edit(modelIn("name")) },
  { methods: ["GET"], path: "registered-models/alias", verb: getModelVersionByAlias, access: read(modelIn("name")) },

  { methods: ["POST"], path: "model-versions/create", verb: createModelVersion, access: REGISTER_VERSION_ACCESS },
  { methods: ["GET"], path: "model-versions/get", verb: getModelVersion, access: read(modelIn("name")) },
  { methods: ["PATCH"], path: "model-versions/update", verb: updateModelVersion, access: edit(modelIn("name")) },
  { methods: ["DELETE"], path: "model-versions/delete", verb: deleteModelVersion, access: manage(modelIn("name")) },
  { methods: ["GET"], path: "model-versions/search", verb: searchModelVersions, access: LISTING },
  { methods: ["POST"], path: "model-versions/transition-stage", verb: transitionModelVersionStage, access: edit(modelIn("name")) },
  { methods: ["GET"], path: "model-versions/get-download-uri", verb: getModelVersionDownloadUri, access: read(modelIn("name")) },
  { methods: ["POST"], path: "model-versions/set-tag", verb: setModelVersionTag, access: edit(modelIn("name")) },
  { methods: ["DELETE"], path: "model-versions/delete-tag", verb: deleteModelVersionTag, access: edit(modelIn("name")) },

  // MLflow's basic-auth app: users and their grants on experiments and registered models.
  { methods: ["POST"], path: "users/create", verb: createUser, access: ADMIN },
  { methods: ["GET"], path: "users/get", verb: getUser, access: SIGNED_IN },
  { methods: ["PATCH"], path: "users/update-password", verb: updateUserPassword, access: SIGNED_IN },
  { methods: ["PATCH"], path: "users/update-admin", verb: updateUserAdmin, access: ADMIN },
  { methods: ["DELETE"], path: "users/delete", verb: deleteUser, access: ADMIN },
  { methods: ["POST"], path: "experiments/permissions/create", verb: createExperimentPermission, access: manage(experimentIn("experimentId")) },
  { methods: ["GET"], path: "experiments/permissions/get", verb: getExperimentPermission, access: manage(experimentIn("experimentId")) },
  { methods: ["PATCH"], path: "experiments/permissions/update", verb: updateExperimentPermission, access: manage(experimentIn("experimentId")) },
  { methods: ["DELETE"], path: "experiments/permissions/delete", verb: deleteExperimentPermission, access: manage(experimentIn("experimentId")) },
  { methods: ["POST"], path: "registered-models/permissions/create", verb: createModelPermission, access: manage(modelIn("name")) },
  { methods: ["GET"], path: "registered-models/permissions/get", verb: getModelPermission, access: manage(modelIn("name")) },
  { methods: ["PATCH"], path: "registered-models/permissions/update", verb: updateModelPermission, access: manage(modelIn("name")) },
  { methods: ["DELETE"], path: "registered-models/permissions/delete", verb: deleteModelPermission, access: manage(modelIn("name")) },

  { methods: ["POST"], path: "logged-models", verb: createLoggedModel, access: edit(experimentIn("experimentId")) },
  { methods: ["POST"], path: "logged-models/search", verb: searchLoggedModels, access: read(experimentsIn("experimentIds")) },
  { methods: ["GET"], path: "logged-models/:modelId", verb: getLoggedModel, access: read(loggedModelIn("modelId")) },
  { methods: ["PATCH"], path: "logged-models/:modelId", verb: finalizeLoggedModel, access: edit(loggedModelIn("modelId")) },
  { methods: ["DELETE"], path: "logged-models/:modelId", verb: deleteLoggedModel, access: manage(loggedModelIn("modelId")) },
  { methods: ["PATCH"], path: "logged-models/:modelId/tags", verb: setLoggedModelTags, access: edit(loggedModelIn("modelId")) },
  { methods: ["DELETE"], path: "logged-models/:modelId/tags/:tagKey*", verb: deleteLoggedModelTag, access: edit(loggedModelIn("modelId")) },
  { methods: ["POST"], path: "logged-models/:modelId/params", verb: logLoggedModelParams, access: edit(loggedModelIn("modelId")) },
  { methods: ["GET"], path: "logged-models/:modelId/artifacts/directories", verb: listLoggedModelArtifacts, access: read(loggedModelIn("modelId")) },
  // Not a proto endpoint: the UI's file download for a model's artifacts.
  { methods: ["GET"], path: "logged-models/:modelId/artifacts/files", verb: getLoggedModelArtifact, access: read(loggedModelIn("modelId")), isDownload: true },
];

// Most requests name a literal path (log-batch, runs/search): one Map lookup, no segment matching.
// A path may have one route per method (registered-models/alias: POST sets, GET reads, DELETE removes).
const LITERAL_ROUTES = new Map<string, MlflowRoute[]>();
for (const route of MLFLOW_ROUTES) {
  if (!route.path.includes(":")) LITERAL_ROUTES.set(route.path, [...(LITERAL_ROUTES.get(route.path) ?? []), route]);
}

export type RouteMatch =
  | { route: MlflowRoute; pathFields: Record<string, string> }
  /** The path exists, but not for this method. */
  | { route: undefined; allowedMethods: HttpMethod[] };

/**
 * The route serving `method` on `path` (segments joined by "/"), with the fields its `:name`
 * segments captured; undefined when no route has the path. Literal segments win over captures,
 * so `logged-models/search` is never read as a model id.
 */
export function findRoute(path: string, method: string): RouteMatch | undefined {
  const exact = LITERAL_ROUTES.get(path);
  if (exact) {
    const route = exact.find((r) => r.methods.includes(method as HttpMethod));
    return route ? { route, pathFields: {} } : { route: undefined, allowedMethods: exact.flatMap((r) => r.methods) };
  }
  const segments = path.split("/");
  const candidates = MLFLOW_ROUTES.flatMap((route) => {
    const pathFields = matchPath(route.path, segments);
    return pathFields ? [{ route, pathFields }] : [];
  });
  if (candidates.length === 0) return undefined;
  const literal = candidates.filter((c) => Object.keys(c.pathFields).length === 0);
  const matching = literal.length > 0 ? literal : candidates;
  return matching.find((c) => c.route.methods.includes(method as HttpMethod)) ?? { route: undefined, allowedMethods: matching.flatMap((c) => c.route.methods) };
}

function matchPath(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split("/");
  const fields: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (part.startsWith(":") && part.endsWith("*")) {
      if (i >= segments.length) return undefined;
      fields[part.slice(1, -1)] = segments.slice(i).join("/");
      return fields;
    }
    if (i >= segments.length) return undefined;
    if (part.startsWith(":")) fields[part.slice(1)] = segments[i];
    else if (part !== segments[i]) return undefined;
  }
  return parts.length === segments.length ? fields : undefined;
}
