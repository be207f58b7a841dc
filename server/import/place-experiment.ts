import type { Db } from "../db/types";
import { findExperimentById, findExperimentByName, nextExperimentId, type ExperimentRow } from "../repositories/experiments-repository";
import { adoptExperimentState, insertExperimentWithId, upsertExperimentTags } from "../repositories/import-repository";
import { ImportError } from "./import-error";
import type { SourceExperiment } from "./model";

/**
 * The Metron experiment a source experiment goes to. Names identify experiments; the id is kept when free.
 * An existing name is the same experiment only if an earlier import made it, so re-imports resume; any
 * other clash is reported before anything is written.
 */
export async function placeExperiment(db: Db, source: SourceExperiment, defaultArtifactRoot: string): Promise<ExperimentRow> {
  const wantedId = /^\d+$/.test(source.experimentId) && Number(source.experimentId) <= 2_147_483_647 ? Number(source.experimentId) : undefined;
  const named = await findExperimentByName(db, source.name);
  const holder = wantedId === undefined ? undefined : await findExperimentById(db, wantedId);
  if (named) {
    if (named.experimentId === wantedId || (holder && holder.experimentId !== named.experimentId)) {
      const state = {
        lifecycleStage: source.lifecycleStage,
        creationTime: source.creationTime ?? named.creationTime,
        lastUpdateTime: source.lastUpdateTime ?? source.creationTime ?? named.lastUpdateTime,
      };
      await db.transaction(async (tx) => {
        await adoptExperimentState(tx as unknown as Db, named.experimentId, state);
        await upsertExperimentTags(tx as unknown as Db, named.experimentId, source.tags);
      });
      return { ...named, ...state };
    }
    throw new ImportError(
      `name clash: the source's experiment '${source.name}' (id ${source.experimentId}) and Metron's experiment ` +
        `${named.experimentId} have the same name. Rename one of them, or leave it out with --experiments.`,
    );
  }
  const id = wantedId !== undefined && !holder ? wantedId : await nextExperimentId(db);
  const row = {
    experimentId: id,
    name: source.name,
    artifactLocation: `${defaultArtifactRoot.replace(/\/+$/, "")}/${id}`,
    lifecycleStage: source.lifecycleStage,
    creationTime: source.creationTime ?? 0,
    lastUpdateTime: source.lastUpdateTime ?? source.creationTime ?? 0,
  };
  await db.transaction(async (tx) => {
    await insertExperimentWithId(tx as unknown as Db, row);
    await upsertExperimentTags(tx as unknown as Db, id, source.tags);
  });
  return row;
}
