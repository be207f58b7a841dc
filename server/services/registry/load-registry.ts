import type { Db } from "../../db/types";
import {
  findAlias,
  findAliases,
  findRegisteredModel,
  findRegisteredModelTags,
  type RegisteredModelAliasRow,
  type RegisteredModelRow,
} from "../../repositories/registered-models-repository";
import { findLoggedModelLocation } from "../../repositories/logged-models-repository";
import {
  findLatestVersionsPerStage,
  findModelVersion,
  findModelVersionTags,
  findNewestVersion,
  type ModelVersionRow,
  type ModelVersionTagRow,
} from "../../repositories/model-versions-repository";
import { doesNotExist } from "../errors";
import { groupBy } from "../group-by";
import type { ModelVersion, RegisteredModel } from "./types";
import { modelVersionNotFound, type ModelUriLookup } from "./models-uri";
import { isStorableVersion, parseVersion } from "./registry-rules";

export const registeredModelNotFound = (name: string) => doesNotExist(`Registered Model with name=${name} not found`);

export async function requireRegisteredModelRow(db: Db, name: string): Promise<RegisteredModelRow> {
  const row = await findRegisteredModel(db, name);
  if (!row) throw registeredModelNotFound(name);
  return row;
}

/** The visible version a wire (name, version) names, or RESOURCE_DOES_NOT_EXIST. */
export async function requireModelVersionRow(db: Db, name: string, versionText: string): Promise<ModelVersionRow> {
  const version = parseVersion(versionText);
  const row = isStorableVersion(version) ? await findModelVersion(db, name, version) : undefined;
  if (!row) throw modelVersionNotFound(name, versionText);
  return row;
}

const versionKey = (name: string, version: number) => `${version}\u0000${name}`;

export function toModelVersion(row: ModelVersionRow, tags: ModelVersionTagRow[], aliases: string[]): ModelVersion {
  return {
    name: row.name,
    version: String(row.version),
    creationTimestamp: row.creationTime,
    lastUpdatedTimestamp: row.lastUpdatedTime,
    userId: row.userId ?? undefined,
    currentStage: row.currentStage,
    description: row.description ?? undefined,
    source: row.source ?? undefined,
    runId: row.runId ?? undefined,
    status: "READY",
    // MLflow only writes a status message that says something.
    statusMessage: row.statusMessage || undefined,
    tags: tags.map((t) => ({ key: t.key, value: t.value })),
    runLink: row.runLink ?? undefined,
    aliases,
    modelId: row.modelId ?? undefined,
  };
}

/**
 * Full versions (tags and aliases) in the order of `rows`, in two queries. The latest_versions of
 * a registered model carry no aliases in MLflow's answers, hence `withAliases`.
 */
export async function assembleModelVersions(db: Db, rows: ModelVersionRow[], withAliases = true): Promise<ModelVersion[]> {
  const names = [...new Set(rows.map((r) => r.name))];
  const [tags, aliases] = await Promise.all([
    findModelVersionTags(db, rows),
    withAliases ? findAliases(db, names) : Promise.resolve<RegisteredModelAliasRow[]>([]),
  ]);
  const tagsByVersion = groupBy(tags, (t) => versionKey(t.name, t.version));
  const aliasesByVersion = groupBy(aliases, (a) => versionKey(a.name, a.version));
  return rows.map((row) => {
    const key = versionKey(row.name, row.version);
    return toModelVersion(row, tagsByVersion.get(key) ?? [], (aliasesByVersion.get(key) ?? []).map((a) => a.alias));
  });
}

export async function loadModelVersion(db: Db, row: ModelVersionRow): Promise<ModelVersion> {
  const [version] = await assembleModelVersions(db, [row]);
  return version;
}

/** Full registered models (tags, aliases, latest version per stage) in the order of `rows`. */
export async function assembleRegisteredModels(db: Db, rows: RegisteredModelRow[]): Promise<RegisteredModel[]> {
  const names = rows.map((r) => r.name);
  const [tags, aliases, latestRows] = await Promise.all([
    findRegisteredModelTags(db, names),
    findAliases(db, names),
    findLatestVersionsPerStage(db, names),
  ]);
  latestRows.sort((a, b) => a.firstVersion - b.firstVersion);
  const latest = groupBy(await assembleModelVersions(db, latestRows, false), (v) => v.name);
  const tagsByName = groupBy(tags, (t) => t.name);
  const aliasesByName = groupBy(aliases, (a) => a.name);
  return rows.map((row) => ({
    name: row.name,
    creationTimestamp: row.creationTime,
    lastUpdatedTimestamp: row.lastUpdatedTime,
    // MLflow leaves an empty description out.
    description: row.description || undefined,
    latestVersions: latest.get(row.name) ?? [],
    tags: (tagsByName.get(row.name) ?? []).map((t) => ({ key: t.key, value: t.value })),
    aliases: (aliasesByName.get(row.name) ?? []).map((a) => ({ alias: a.alias, version: String(a.version) })),
  }));
}

export async function loadRegisteredModel(db: Db, row: RegisteredModelRow): Promise<RegisteredModel> {
  const [model] = await assembleRegisteredModels(db, [row]);
  return model;
}

/** `models:/` resolution against this database. */
export function databaseModelUriLookup(db: Db): ModelUriLookup {
  return {
    async versionLocation(name, version) {
      const row = await findModelVersion(db, name, version);
      return row ? downloadUriOf(row) : undefined;
    },
    async aliasVersion(name, alias) {
      return (await findAlias(db, name, alias))?.version;
    },
    async newestVersion(name, stage) {
      return (await findNewestVersion(db, name, stage))?.version;
    },
    async loggedModelLocation(modelId) {
      return (await findLoggedModelLocation(db, modelId))?.artifactLocation;
    },
  };
}

/** Where a version's artifacts are: its storage location, else its source (as MLflow answers). */
export function downloadUriOf(row: ModelVersionRow): string {
  return row.storageLocation || row.source || "";
}
