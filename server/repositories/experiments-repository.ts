import { and, eq, sql, type SQL } from "drizzle-orm";
import { experiments, experimentTags, runs } from "../db/schema";
import { isUniqueViolation } from "../db/errors";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";
import { anyInteger } from "./any-of";

export type ExperimentRow = typeof experiments.$inferSelect;
export type ExperimentTagRow = typeof experimentTags.$inferSelect;

export async function nextExperimentId(db: Db): Promise<number> {
  const [row] = await executeRows<{ id: number }>(
    db,
    sql`select nextval(pg_get_serial_sequence('experiments', 'experiment_id'))::int as id`,
  );
  return Number(row.id);
}

/** Inserts unless the name is taken (by an active or a deleted experiment); false when taken. */
export async function insertExperiment(db: Db, row: typeof experiments.$inferInsert): Promise<boolean> {
  const inserted = await db
    .insert(experiments)
    .values(row)
    .onConflictDoNothing({ target: experiments.name })
    .returning({ id: experiments.experimentId });
  return inserted.length === 1;
}

export async function insertExperimentTags(db: Db, experimentId: number, tags: { key: string; value: string }[]) {
  if (tags.length === 0) return;
  await db.insert(experimentTags).values(tags.map((t) => ({ experimentId, key: t.key, value: t.value })));
}

export async function insertExperimentIfMissing(db: Db, row: typeof experiments.$inferInsert): Promise<void> {
  await db.insert(experiments).values(row).onConflictDoNothing();
}

export async function findExperimentById(db: Db, id: number): Promise<ExperimentRow | undefined> {
  const [row] = await db.select().from(experiments).where(eq(experiments.experimentId, id));
  return row;
}

/** The names of the experiments among `ids` that exist, in one query. */
export async function findExperimentNames(db: Db, ids: number[]): Promise<{ experimentId: number; name: string }[]> {
  if (ids.length === 0) return [];
  return db.select({ experimentId: experiments.experimentId, name: experiments.name }).from(experiments).where(anyInteger(experiments.experimentId, ids));
}

export async function findExperimentByName(db: Db, name: string): Promise<ExperimentRow | undefined> {
  const [row] = await db.select().from(experiments).where(eq(experiments.name, name));
  return row;
}

export async function findExperimentTags(db: Db, ids: number[]): Promise<ExperimentTagRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(experimentTags)
    .where(anyInteger(experimentTags.experimentId, ids))
    .orderBy(experimentTags.experimentId, experimentTags.key);
}

export async function updateExperimentRow(
  db: Db,
  id: number,
  patch: Partial<Pick<ExperimentRow, "name" | "lifecycleStage" | "lastUpdateTime">>,
): Promise<void> {
  await db.update(experiments).set(patch).where(eq(experiments.experimentId, id));
}

/** Renames unless another experiment holds the name (the unique index decides, race-free); false when taken. */
export async function renameExperiment(db: Db, id: number, name: string, now: number): Promise<boolean> {
  try {
    await db.update(experiments).set({ name, lastUpdateTime: now }).where(eq(experiments.experimentId, id));
    return true;
  } catch (err) {
    if (isUniqueViolation(err)) return false;
    throw err;
  }
}

/** Moves every run of an experiment to a lifecycle stage (delete / restore cascade to runs). */
export async function setExperimentRunsLifecycle(
  db: Db,
  experimentId: number,
  stage: "active" | "deleted",
  deletedTime: number | null,
): Promise<void> {
  await db
    .update(runs)
    .set({ lifecycleStage: stage, deletedTime })
    .where(eq(runs.experimentId, experimentId));
}

export async function upsertExperimentTag(db: Db, tag: ExperimentTagRow): Promise<void> {
  await db
    .insert(experimentTags)
    .values(tag)
    .onConflictDoUpdate({ target: [experimentTags.experimentId, experimentTags.key], set: { value: tag.value } });
}

export async function deleteExperimentTag(db: Db, experimentId: number, key: string): Promise<boolean> {
  const deleted = await db
    .delete(experimentTags)
    .where(and(eq(experimentTags.experimentId, experimentId), eq(experimentTags.key, key)))
    .returning({ key: experimentTags.key });
  return deleted.length > 0;
}

/** One page of the search; `readable` (server/auth/readable.ts) keeps only what the caller may read, undefined: everything. */
export async function searchExperimentRows(
  db: Db,
  query: { where: SQL | undefined; readable: SQL | undefined; orderBy: SQL[]; limit: number; offset: number },
): Promise<ExperimentRow[]> {
  return db
    .select()
    .from(experiments)
    .where(and(query.where, query.readable))
    .orderBy(...query.orderBy)
    .limit(query.limit)
    .offset(query.offset);
}
