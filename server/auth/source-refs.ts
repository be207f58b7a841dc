import { parseModelsUri } from "../services/registry/models-uri";
import type { AccessRule, ResourceRef } from "./access-rule";
import { modelIn, runIn } from "./resource-refs";
import { allOf, edit, read } from "./rules";

// A model version's `source` names artifacts someone may later download through the version: the run
// (or model) it points into must be readable by whoever registers it, whatever `run_id` says.

/** Runs (and models) a source URI points into: runs:/<id>/…, models:/…, and `…/<run id>/artifacts/…` paths. */
export const sourceRefs =
  (field: string) =>
  (input: Record<string, unknown>): ResourceRef[] => {
    const source = input?.[field];
    if (typeof source !== "string" || source === "") return [];
    const runsUri = /^runs:\/+([^/]+)/i.exec(source);
    if (runsUri) return [{ runId: decoded(runsUri[1]) }];
    if (/^models:/i.test(source)) return modelsUriRefs(source);
    return artifactPathRefs(source);
  };

function modelsUriRefs(source: string): ResourceRef[] {
  try {
    const parsed = parseModelsUri(source);
    return parsed.kind === "loggedModel" ? [{ loggedModelId: parsed.modelId }] : [{ modelName: parsed.name }];
  } catch {
    return []; // malformed: the verb refuses it
  }
}

/**
 * Runs store artifacts at `<experiment location>/<run id>/artifacts` and logged models at
 * `…/models/<model id>/artifacts`, on every store (proxy, file, s3…), so the segment before an
 * `artifacts` segment names the owner. A name that is no run reads nothing and decides nothing.
 */
function artifactPathRefs(source: string): ResourceRef[] {
  const withoutScheme = source.replace(/^[a-z][a-z0-9+.-]*:(\/\/[^/]*)?/i, "");
  const segments = decoded(withoutScheme).split(/[/\\]+/).filter((s) => s !== "");
  const refs: ResourceRef[] = [];
  segments.forEach((segment, i) => {
    if (segment !== "artifacts" || i === 0) return;
    const owner = segments[i - 1];
    refs.push(segments[i - 2] === "models" ? { loggedModelId: owner } : { runId: owner });
  });
  return refs;
}

/** Percent-decoded until it stops changing (a few passes), so `%2561bc` names the run `abc` names. */
function decoded(text: string): string {
  let current = text;
  for (let pass = 0; pass < 4; pass++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return current;
    }
    if (next === current) return current;
    current = next;
  }
  return current;
}

/** Registering a version: EDIT on the model, READ on the run it names and on whatever its source points into. */
export const REGISTER_VERSION_ACCESS: AccessRule = allOf(edit(modelIn("name")), read(runIn("runId")), read(sourceRefs("source")));
