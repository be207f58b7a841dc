import { and, asc, eq, type SQL } from "drizzle-orm";
import { registeredModelAliases, registeredModels, registeredModelTags } from "../db/schema";
import { isUniqueViolation } from "../db/errors";
import type { Db } from "../db/types";
import { anyText } from "./any-of";

export type RegisteredModelRow = typeof registeredModels.$inferSelect;
export type RegisteredModelTagRow = typeof registeredModelTags.$inferSelect;
export type RegisteredModelAliasRow = typeof registeredModelAliases.$inferSelect;

/** Inserts unless the name is taken; false when taken (the primary key decides, race-free). */
export async function insertRegisteredModel(db: Db, row: RegisteredModelRow): Promise<boolean> {
  const inserted = await db
    .insert(registeredModels)
    .values(row)
    .onConflictDoNothing({ target: registeredModels.name })
    .returning({ name: registeredModels.name });
  return inserted.length === 1;
}

export async function findRegisteredModel(db: Db, name: string): Promise<RegisteredModelRow | undefined> {
  const [row] = await db.select().from(registeredModels).where(eq(registeredModels.name, name));
  return row;
}

/**
 * Applies a patch (at least a new last_updated_time) and returns the row, or undefined when there
 * is no such model. The UPDATE also row-locks the model until the transaction ends, which is what
 * serialises concurrent version creation for one model.
 */
export async function updateRegisteredModel(
  db: Db,
  name: string,
  patch: Partial<Omit<RegisteredModelRow, "creationTime">> & { lastUpdatedTime: number },
): Promise<RegisteredModelRow | undefined> {
  const [row] = await db.update(registeredModels).set(patch).where(eq(registeredModels.name, name)).returning();
  return row;
}

/**
 * Renames a model unless another holds the new name (the primary key decides, race-free):
 * "name-taken" then, and the transaction is spent (the caller throws). Undefined when missing.
 */
export async function renameRegisteredModelRow(db: Db, name: string, newName: string, now: number): Promise<RegisteredModelRow | undefined | "name-taken"> {
  try {
    return await updateRegisteredModel(db, name, { name: newName, lastUpdatedTime: now });
  } catch (err) {
    if (isUniqueViolation(err)) return "name-taken";
    throw err;
  }
}

/** Deletes a model; versions, tags and aliases go with it (ON DELETE CASCADE). */
export async function deleteRegisteredModel(db: Db, name: string): Promise<boolean> {
  const deleted = await db.delete(registeredModels).where(eq(registeredModels.name, name)).returning({ name: registeredModels.name });
  return deleted.length === 1;
}

export async function insertRegisteredModelTags(db: Db, name: string, tags: { key: string; value: string }[]): Promise<void> {
  if (tags.length === 0) return;
  await db.insert(registeredModelTags).values(tags.map((t) => ({ name, key: t.key, value: t.value })));
}

export async function upsertRegisteredModelTag(db: Db, tag: RegisteredModelTagRow): Promise<void> {
  await db
    .insert(registeredModelTags)
    .values(tag)
    .onConflictDoUpdate({ target: [registeredModelTags.name, registeredModelTags.key], set: { value: tag.value } });
}

export async function deleteRegisteredModelTag(db: Db, name: string, key: string): Promise<void> {
  await db.delete(registeredModelTags).where(and(eq(registeredModelTags.name, name), eq(registeredModelTags.key, key)));
}

export async function findRegisteredModelTags(db: Db, names: string[]): Promise<RegisteredModelTagRow[]> {
  if (names.length === 0) return [];
  return db
    .select()
    .from(registeredModelTags)
    .where(anyText(registeredModelTags.name, names))
    .orderBy(registeredModelTags.name, registeredModelTags.key);
}

/** Points an alias at a version, moving it if it pointed elsewhere. */
export async function upsertAlias(db: Db, row: RegisteredModelAliasRow): Promise<void> {
  await db
    .insert(registeredModelAliases)
    .values(row)
    .onConflictDoUpdate({ target: [registeredModelAliases.name, registeredModelAliases.alias], set: { version: row.version } });
}

export async function deleteAlias(db: Db, name: string, alias: string): Promise<void> {
  await db.delete(registeredModelAliases).where(and(eq(registeredModelAliases.name, name), eq(registeredModelAliases.alias, alias)));
}

export async function deleteAliasesOfVersion(db: Db, name: string, version: number): Promise<void> {
  await db.delete(registeredModelAliases).where(and(eq(registeredModelAliases.name, name), eq(registeredModelAliases.version, version)));
}

export async function findAlias(db: Db, name: string, alias: string): Promise<RegisteredModelAliasRow | undefined> {
  const [row] = await db
    .select()
    .from(registeredModelAliases)
    .where(and(eq(registeredModelAliases.name, name), eq(registeredModelAliases.alias, alias)));
  return row;
}

export async function findAliases(db: Db, names: string[]): Promise<RegisteredModelAliasRow[]> {
  if (names.length === 0) return [];
  return db
    .select()
    .from(registeredModelAliases)
    .where(anyText(registeredModelAliases.name, names))
    .orderBy(asc(registeredModelAliases.name), asc(registeredModelAliases.alias));
}

/** One page of the search; `readable` (server/auth/readable.ts) keeps only what the caller may read, undefined: everything. */
export async function searchRegisteredModelRows(
  db: Db,
  query: { where: SQL | undefined; readable: SQL | undefined; orderBy: SQL[]; limit: number; offset: number },
): Promise<RegisteredModelRow[]> {
  return db
    .select()
    .from(registeredModels)
    .where(and(query.where, query.readable))
    .orderBy(...query.orderBy)
    .limit(query.limit)
    .offset(query.offset);
}

