import { findExperimentById, findExperimentTags, type ExperimentRow, type ExperimentTagRow } from "../../repositories/experiments-repository";
import type { Db } from "../../db/types";
import { doesNotExist, invalidParameter } from "../errors";
import { parseExperimentId } from "../validation";
import type { Experiment, LifecycleStage } from "./types";

export function toExperiment(row: ExperimentRow, tags: ExperimentTagRow[]): Experiment {
  return {
    experimentId: String(row.experimentId),
    name: row.name,
    artifactLocation: row.artifactLocation,
    lifecycleStage: row.lifecycleStage as LifecycleStage,
    creationTime: row.creationTime,
    lastUpdateTime: row.lastUpdateTime,
    tags: tags.map((t) => ({ key: t.key, value: t.value })),
  };
}

export const experimentNotFound = (id: string) => doesNotExist(`No Experiment with id=${id} exists`);

/** The experiment row for a wire id, or RESOURCE_DOES_NOT_EXIST. */
export async function requireExperimentRow(db: Db, experimentId: string): Promise<ExperimentRow> {
  const id = parseExperimentId(experimentId);
  const row = id === undefined ? undefined : await findExperimentById(db, id);
  if (!row) throw experimentNotFound(experimentId);
  return row;
}

export async function requireActiveExperimentRow(db: Db, experimentId: string): Promise<ExperimentRow> {
  const row = await requireExperimentRow(db, experimentId);
  if (row.lifecycleStage !== "active") {
    throw invalidParameter(
      `The experiment ${experimentId} must be in the 'active' state. Current state is ${row.lifecycleStage}.`,
    );
  }
  return row;
}

export async function loadExperiment(db: Db, row: ExperimentRow): Promise<Experiment> {
  return toExperiment(row, await findExperimentTags(db, [row.experimentId]));
}
