import { invalidParameter } from "../errors";
import type { ServiceContext } from "../context";
import { requireLoggedModelRow } from "./load-logged-model";
import { MODEL_ID_PREFIX } from "./types";

/**
 * Where `models:/<model_id>[/<path>]` (or a bare model id) points: the logged model's artifact location,
 * as MLflow resolves a model id. Registered-model URIs are the registry's to resolve; ids of no (or a
 * deleted) model answer RESOURCE_DOES_NOT_EXIST.
 */
export async function resolveLoggedModelUri(ctx: Pick<ServiceContext, "db">, uriOrModelId: string): Promise<string> {
  const { modelId, path } = parseLoggedModelUri(uriOrModelId);
  const model = await requireLoggedModelRow(ctx.db, modelId);
  const root = model.artifactLocation.replace(/\/+$/, "");
  return path === "" ? root : `${root}/${path}`;
}

/** Splits `models:/m-…/sub/path` (or `m-…`) into the model id and the path below its root. */
export function parseLoggedModelUri(uriOrModelId: string): { modelId: string; path: string } {
  const rest = uriOrModelId.startsWith("models:") ? uriOrModelId.slice("models:".length).replace(/^\/+/, "") : uriOrModelId;
  const [modelId, ...path] = rest.split("/");
  if (!isLoggedModelId(modelId) || path.includes("..")) {
    throw invalidParameter(`'${uriOrModelId}' does not name a logged model: expected models:/${MODEL_ID_PREFIX}<id>[/<path>].`);
  }
  return { modelId, path: path.filter((p) => p !== "").join("/") };
}

/** True for ids of MLflow 3 logged models (`m-` and 32 hex digits). */
export function isLoggedModelId(text: string): boolean {
  return /^m-[0-9a-f]{32}$/.test(text);
}
