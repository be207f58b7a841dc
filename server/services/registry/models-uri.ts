import { doesNotExist, invalidParameter } from "../errors";
import { canonicalStage, isStorableVersion } from "./registry-rules";
import type { Stage } from "./types";

/** What a `models:/` URI names. */
export type ModelsUri =
  | { kind: "version"; name: string; version: number }
  | { kind: "alias"; name: string; alias: string }
  | { kind: "stage"; name: string; stage: string }
  | { kind: "latest"; name: string }
  | { kind: "loggedModel"; modelId: string };

const improperUri = (uri: string) =>
  invalidParameter(
    `Not a proper models:/ URI: ${uri}. Models URIs must be of the form 'models:/model_name/suffix' or ` +
      `'models:/model_name@alias' where suffix is a model version, stage, or the string 'latest' and where ` +
      `alias is a registered model alias. Only one of suffix or alias can be defined at a time.`,
  );

export const isModelsUri = (uri: string) => /^models:/i.test(uri);

/**
 * Parses `models:/<name>/<version|stage|latest>`, `models:/<name>@<alias>` and MLflow 3's
 * `models:/<model_id>` by MLflow's rules: one or two path parts; all digits is a version, `latest` (any
 * case) the newest, anything else a stage; one part with `@` is an alias.
 */
export function parseModelsUri(uri: string): ModelsUri {
  const match = /^models:(?:\/\/[^/]*)?(\/.*)?$/i.exec(uri);
  const path = match?.[1];
  if (!path || path.length <= 1) throw improperUri(uri);
  const parts = path.replace(/^\/+/, "").split("/");
  if (parts.length > 2 || parts[0].trim() === "") throw improperUri(uri);
  if (parts.length === 2) {
    const [name, suffix] = parts;
    if (suffix.trim() === "") throw improperUri(uri);
    if (/^\d+$/.test(suffix)) return { kind: "version", name, version: Number(suffix) };
    if (suffix.toLowerCase() === "latest") return { kind: "latest", name };
    return { kind: "stage", name, stage: suffix };
  }
  const at = parts[0].lastIndexOf("@");
  if (at >= 0) {
    const alias = parts[0].slice(at + 1);
    if (alias.trim() === "") throw improperUri(uri);
    return { kind: "alias", name: parts[0].slice(0, at), alias };
  }
  return { kind: "loggedModel", modelId: parts[0] };
}

/** The registry and logged-model lookups a resolution needs; each answers undefined when absent. */
export interface ModelUriLookup {
  /** A visible version's artifact location (its storage location, else its source). */
  versionLocation(name: string, version: number): Promise<string | undefined>;
  aliasVersion(name: string, alias: string): Promise<number | undefined>;
  /** The highest visible version number, optionally only among versions in `stage`. */
  newestVersion(name: string, stage?: Stage): Promise<number | undefined>;
  loggedModelLocation(modelId: string): Promise<string | undefined>;
}

export interface ResolvedModelUri {
  artifactUri: string;
  /** The registered version the URI named, when it named one. */
  name?: string;
  version?: number;
}

export const modelVersionNotFound = (name: string, version: string | number) =>
  doesNotExist(`Model Version (name=${name}, version=${version}) not found`);

export const loggedModelNotFound = (modelId: string) => doesNotExist(`Logged model with ID '${modelId}' not found.`);

export const aliasNotFound = (alias: string) => invalidParameter(`Registered model alias ${alias} not found.`);

/** Resolves a `models:/` URI to the artifact location it stands for. */
export async function resolveModelsUri(uri: string, lookup: ModelUriLookup): Promise<ResolvedModelUri> {
  const parsed = parseModelsUri(uri);
  if (parsed.kind === "loggedModel") {
    const location = await lookup.loggedModelLocation(parsed.modelId);
    if (location === undefined) throw loggedModelNotFound(parsed.modelId);
    return { artifactUri: location };
  }
  const { name } = parsed;
  const version = await versionNamedBy(parsed, lookup);
  const location = isStorableVersion(version) ? await lookup.versionLocation(name, version) : undefined;
  if (location === undefined) throw modelVersionNotFound(name, version);
  return { artifactUri: location, name, version };
}

async function versionNamedBy(parsed: Exclude<ModelsUri, { kind: "loggedModel" }>, lookup: ModelUriLookup): Promise<number> {
  switch (parsed.kind) {
    case "version":
      return parsed.version;
    case "alias": {
      const version = await lookup.aliasVersion(parsed.name, parsed.alias);
      if (version === undefined) throw aliasNotFound(parsed.alias);
      return version;
    }
    case "stage":
    case "latest": {
      const stage = parsed.kind === "stage" ? canonicalStage(parsed.stage) : undefined;
      const version = await lookup.newestVersion(parsed.name, stage);
      if (version === undefined) {
        throw doesNotExist(`No versions of model with name '${parsed.name}' and stage '${stage ?? "latest"}' found`);
      }
      return version;
    }
  }
}
