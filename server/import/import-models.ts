import type { Db } from "../db/types";
import { insertImportedLoggedModel, insertImportedRegisteredModel } from "../repositories/import-repository";
import { findRegisteredModel } from "../repositories/registered-models-repository";
import { ImportError } from "./import-error";
import type { SourceLoggedModel, SourceRegisteredModel } from "./model";

/** Artifact URIs moved by the import (old → new), to rewrite the registry's sources that point into them. */
export type UriMoves = Map<string, string>;

export async function importLoggedModel(db: Db, model: SourceLoggedModel, experimentId: number, artifactLocation: string): Promise<void> {
  await db.transaction((tx) =>
    insertImportedLoggedModel(
      tx as unknown as Db,
      {
        modelId: model.modelId,
        experimentId,
        name: model.name,
        artifactLocation,
        creationTimestampMs: model.creationTimestampMs,
        lastUpdatedTimestampMs: model.lastUpdatedTimestampMs,
        status: model.status,
        lifecycleStage: model.lifecycleStage,
        modelType: model.modelType,
        sourceRunId: model.sourceRunId,
        statusMessage: model.statusMessage,
      },
      model,
    ),
  );
}

/**
 * A registered model with its versions, tags and aliases, in one transaction. A model Metron has
 * under the same name is the earlier import's only if it was created at the same moment.
 */
export async function importRegisteredModel(db: Db, model: SourceRegisteredModel, moves: UriMoves): Promise<void> {
  const existing = await findRegisteredModel(db, model.name);
  if (existing && existing.creationTime !== (model.creationTime ?? 0)) {
    throw new ImportError(
      `name clash: Metron already has a registered model '${model.name}' (created ${new Date(existing.creationTime).toISOString()}) that is not the source's`,
    );
  }
  await db.transaction((tx) =>
    insertImportedRegisteredModel(
      tx as unknown as Db,
      { name: model.name, creationTime: model.creationTime ?? 0, lastUpdatedTime: model.lastUpdatedTime ?? model.creationTime ?? 0, description: model.description },
      {
        tags: model.tags,
        aliases: model.aliases,
        versions: model.versions.map((v) => ({
          row: {
            version: v.version,
            creationTime: v.creationTime ?? 0,
            lastUpdatedTime: v.lastUpdatedTime ?? v.creationTime ?? 0,
            description: v.description,
            userId: v.userId,
            currentStage: v.currentStage,
            source: rewriteUri(v.source, moves),
            storageLocation: rewriteUri(v.storageLocation ?? (v.source && !/^(runs|models):/.test(v.source) ? v.source : null), moves),
            runId: v.runId,
            runLink: v.runLink,
            status: v.status,
            statusMessage: v.statusMessage,
            modelId: v.modelId,
          },
          tags: v.tags,
        })),
      },
    ),
  );
}

/** A URI inside a moved artifact root points into the new root; others (runs:/, models:/, s3://…) stay. */
export function rewriteUri(uri: string | null, moves: UriMoves): string | null {
  if (uri === null) return null;
  const exact = moves.get(uri);
  if (exact !== undefined) return exact;
  for (let cut = uri.lastIndexOf("/"); cut > 0; cut = uri.lastIndexOf("/", cut - 1)) {
    const moved = moves.get(uri.slice(0, cut));
    if (moved !== undefined) return moved + uri.slice(cut);
  }
  return uri;
}
