import { and, desc, eq, getTableColumns, ne, sql, type SQL } from "drizzle-orm";
import { DELETED_VERSION_STAGE, modelVersions, modelVersionTags } from "../db/schema";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";
import { anyText } from "./any-of";

export type ModelVersionRow = typeof modelVersions.$inferSelect;
export type ModelVersionTagRow = typeof modelVersionTags.$inferSelect;

const isVisible = ne(modelVersions.currentStage, DELETED_VERSION_STAGE);

/**
 * Inserts a model's next version, one above any it ever had (numbers are never reused). Callers hold the
 * model's row lock, and under READ COMMITTED this statement's snapshot follows the lock, so concurrent
 * creates get 1, 2, 3 … without gaps or clashes.
 */
export async function insertNextModelVersion(db: Db, row: Omit<typeof modelVersions.$inferInsert, "version">): Promise<ModelVersionRow> {
  const nextVersion = sql<number>`(select coalesce(max(${modelVersions.version}), 0) + 1 from ${modelVersions} where ${modelVersions.name} = ${row.name})`;
  const [inserted] = await db
    .insert(modelVersions)
    .values({ ...row, version: nextVersion })
    .returning();
  return inserted;
}

export async function insertModelVersionTags(db: Db, name: string, version: number, tags: { key: string; value: string }[]): Promise<void> {
  if (tags.length === 0) return;
  await db.insert(modelVersionTags).values(tags.map((t) => ({ name, version, key: t.key, value: t.value })));
}

/** A version that has not been deleted. */
export async function findModelVersion(db: Db, name: string, version: number): Promise<ModelVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.name, name), eq(modelVersions.version, version), isVisible));
  return row;
}

export async function updateModelVersion(
  db: Db,
  name: string,
  version: number,
  patch: Partial<Pick<ModelVersionRow, "description" | "currentStage">> & { lastUpdatedTime: number },
): Promise<ModelVersionRow | undefined> {
  const [row] = await db
    .update(modelVersions)
    .set(patch)
    .where(and(eq(modelVersions.name, name), eq(modelVersions.version, version), isVisible))
    .returning();
  return row;
}

/** Moves every other version in `stage` to Archived (transition-stage with archive_existing_versions). */
export async function archiveOtherVersionsInStage(db: Db, name: string, version: number, stage: string, now: number): Promise<void> {
  await db
    .update(modelVersions)
    .set({ currentStage: "Archived", lastUpdatedTime: now })
    .where(and(eq(modelVersions.name, name), ne(modelVersions.version, version), eq(modelVersions.currentStage, stage)));
}

/** Deletes a version as MLflow does: the row stays, redacted, in the hidden Deleted_Internal stage. */
export async function softDeleteModelVersion(db: Db, name: string, version: number, now: number): Promise<boolean> {
  const deleted = await db
    .update(modelVersions)
    .set({
      currentStage: DELETED_VERSION_STAGE,
      lastUpdatedTime: now,
      description: null,
      userId: null,
      source: "REDACTED-SOURCE-PATH",
      storageLocation: null,
      runId: "REDACTED-RUN-ID",
      runLink: "REDACTED-RUN-LINK",
      statusMessage: null,
    })
    .where(and(eq(modelVersions.name, name), eq(modelVersions.version, version), isVisible))
    .returning({ version: modelVersions.version });
  return deleted.length === 1;
}

/** Sets every version's last_updated_time (a rename touches them all, as in MLflow). */
export async function touchModelVersions(db: Db, name: string, now: number): Promise<void> {
  await db.update(modelVersions).set({ lastUpdatedTime: now }).where(eq(modelVersions.name, name));
}

/**
 * The newest visible version in each stage of each model, with the lowest version number in that
 * stage (`firstVersion`): MLflow lists a model's latest_versions in the order their stages first
 * occur when its versions are read in ascending order.
 */
export async function findLatestVersionsPerStage(db: Db, names: string[]): Promise<(ModelVersionRow & { firstVersion: number })[]> {
  if (names.length === 0) return [];
  const rows = await db
    .selectDistinctOn([modelVersions.name, modelVersions.currentStage], {
      ...getTableColumns(modelVersions),
      firstVersion: sql<number>`min(${modelVersions.version}) over (partition by ${modelVersions.name}, ${modelVersions.currentStage})`,
    })
    .from(modelVersions)
    .where(and(anyText(modelVersions.name, names), isVisible))
    .orderBy(modelVersions.name, modelVersions.currentStage, desc(modelVersions.version));
  return rows.map((row) => ({ ...row, firstVersion: Number(row.firstVersion) }));
}

/** The newest visible version of a model, optionally only among those in one stage. */
export async function findNewestVersion(db: Db, name: string, stage?: string): Promise<ModelVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(modelVersions)
    .where(and(eq(modelVersions.name, name), isVisible, stage === undefined ? undefined : eq(modelVersions.currentStage, stage)))
    .orderBy(desc(modelVersions.version))
    .limit(1);
  return row;
}

/** Tags of the given versions, in one query whatever their number. */
export async function findModelVersionTags(db: Db, keys: { name: string; version: number }[]): Promise<ModelVersionTagRow[]> {
  if (keys.length === 0) return [];
  return executeRows<ModelVersionTagRow>(
    db,
    sql`select t.name, t.version, t.key, t.value
        from ${modelVersionTags} t
        join unnest(${sql.param(keys.map((k) => k.name))}::text[], ${sql.param(keys.map((k) => k.version))}::int4[]) as k(name, version)
          on t.name = k.name and t.version = k.version
        order by t.name, t.version, t.key`,
  );
}

export async function upsertModelVersionTag(db: Db, tag: ModelVersionTagRow): Promise<void> {
  await db
    .insert(modelVersionTags)
    .values(tag)
    .onConflictDoUpdate({ target: [modelVersionTags.name, modelVersionTags.version, modelVersionTags.key], set: { value: tag.value } });
}

export async function deleteModelVersionTag(db: Db, name: string, version: number, key: string): Promise<void> {
  await db
    .delete(modelVersionTags)
    .where(and(eq(modelVersionTags.name, name), eq(modelVersionTags.version, version), eq(modelVersionTags.key, key)));
}

/** One page of the search; `readable` (server/auth/readable.ts) keeps only what the caller may read, undefined: everything. */
export async function searchModelVersionRows(
  db: Db,
  query: { where: SQL | undefined; readable: SQL | undefined; orderBy: SQL[]; limit: number; offset: number },
): Promise<ModelVersionRow[]> {
  return db
    .select()
    .from(modelVersions)
    .where(and(isVisible, query.where, query.readable))
    .orderBy(...query.orderBy)
    .limit(query.limit)
    .offset(query.offset);
}
