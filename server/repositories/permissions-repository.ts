import { and, Column, eq, getTableName, is, sql, type Placeholder, type SQL } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { experimentPermissions, experiments, loggedModels, registeredModelPermissions, registeredModels, modelVersions, runs } from "../db/schema";
import type { Permission } from "../db/schema/auth";
import type { Db } from "../db/types";

// Grants of experiments and registered models to users and teams. A grant's strength is compared as
// a rank (NO_PERMISSIONS 0 … MANAGE 3) so that the strongest of a user's and their teams' grants is one max().

const RANK_OF_PERMISSION = sql.raw(`case p.permission when 'MANAGE' then 3 when 'EDIT' then 2 when 'READ' then 1 else 0 end`);
/**
 * A column named with its table: drizzle writes a single-table query's columns unqualified, and inside the
 * grant subquery an unqualified `experiment_id` would be the grant's own (every grant would match).
 */
function qualified(column: AnyPgColumn | SQL): SQL {
  return is(column, Column) ? sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}` : (column as SQL);
}

const grantee = (userId: number | Placeholder) => sql`(p.user_id = ${userId} or p.team_id in (select tm.team_id from team_members tm where tm.user_id = ${userId}))`;

/** The strongest rank `userId` holds on the experiment in `experimentColumn` (directly or through a team); null when nothing was granted. */
export function experimentGrantRank(experimentColumn: AnyPgColumn | SQL, userId: number | Placeholder): SQL<number | null> {
  return sql<number | null>`(select max(${RANK_OF_PERMISSION}) from experiment_permissions p where p.experiment_id = ${qualified(experimentColumn)} and ${grantee(userId)})`;
}

/** As experimentGrantRank, for the registered model named in `nameColumn`. */
export function modelGrantRank(nameColumn: AnyPgColumn | SQL, userId: number): SQL<number | null> {
  return sql<number | null>`(select max(${RANK_OF_PERMISSION}) from registered_model_permissions p where p.name = ${qualified(nameColumn)} and ${grantee(userId)})`;
}

/** True for experiments rows (or rows whose `experimentColumn`) `userId` may read: a grant of READ or more, else the default rank. */
export function readableExperiments(userId: number, defaultRank: number, experimentColumn: AnyPgColumn | SQL = experiments.experimentId): SQL {
  return sql`coalesce(${experimentGrantRank(experimentColumn, userId)}, ${defaultRank}) >= 1`;
}

/** True for registered_models rows (or model_versions rows: `ofVersions`) whose model `userId` may read. */
export function readableModels(userId: number, defaultRank: number, ofVersions = false): SQL {
  return sql`coalesce(${modelGrantRank(ofVersions ? modelVersions.name : registeredModels.name, userId)}, ${defaultRank}) >= 1`;
}

/** What one lookup answers: the experiment behind a reference and the user's grant rank on it (null: none). */
export interface ExperimentGrant {
  experimentId: number;
  rank: number | null;
}

// The two lookups of every logging and search request, prepared once per database: building a query
// costs more CPU than PostgreSQL spends answering it (~0.3 ms → ~0.1 ms per request, bench/auth).
const experimentGrantQueries = new WeakMap<Db, ReturnType<typeof prepareExperimentGrant>>();
function prepareExperimentGrant(db: Db) {
  return db
    .select({ experimentId: experiments.experimentId, rank: experimentGrantRank(experiments.experimentId, sql.placeholder("userId")) })
    .from(experiments)
    .where(eq(experiments.experimentId, sql.placeholder("experimentId")))
    .prepare("metron_experiment_grant");
}

/** One query: the experiment with this id and the user's rank on it; null when no such experiment. */
export async function findExperimentGrant(db: Db, experimentId: number, userId: number): Promise<ExperimentGrant | null> {
  let query = experimentGrantQueries.get(db);
  if (!query) experimentGrantQueries.set(db, (query = prepareExperimentGrant(db)));
  const [row] = await query.execute({ experimentId, userId });
  return row ?? null;
}

export async function findExperimentGrantByName(db: Db, name: string, userId: number): Promise<ExperimentGrant | null> {
  const [row] = await db
    .select({ experimentId: experiments.experimentId, rank: experimentGrantRank(experiments.experimentId, userId) })
    .from(experiments)
    .where(eq(experiments.name, name));
  return row ?? null;
}

const runGrantQueries = new WeakMap<Db, ReturnType<typeof prepareRunGrant>>();
function prepareRunGrant(db: Db) {
  return db
    .select({ experimentId: runs.experimentId, rank: experimentGrantRank(runs.experimentId, sql.placeholder("userId")) })
    .from(runs)
    .where(eq(runs.runUuid, sql.placeholder("runId")))
    .prepare("metron_run_grant");
}

/** One query: the run's experiment and the user's rank on it. */
export async function findRunExperimentGrant(db: Db, runId: string, userId: number): Promise<ExperimentGrant | null> {
  let query = runGrantQueries.get(db);
  if (!query) runGrantQueries.set(db, (query = prepareRunGrant(db)));
  const [row] = await query.execute({ runId, userId });
  return row ?? null;
}

export async function findLoggedModelExperimentGrant(db: Db, modelId: string, userId: number): Promise<ExperimentGrant | null> {
  const [row] = await db
    .select({ experimentId: loggedModels.experimentId, rank: experimentGrantRank(loggedModels.experimentId, userId) })
    .from(loggedModels)
    .where(eq(loggedModels.modelId, modelId));
  return row ?? null;
}

/** One query: whether the registered model exists, and the user's rank on it. */
export async function findModelGrant(db: Db, name: string, userId: number): Promise<{ rank: number | null } | null> {
  const [row] = await db
    .select({ rank: modelGrantRank(registeredModels.name, userId) })
    .from(registeredModels)
    .where(eq(registeredModels.name, name));
  return row ?? null;
}

// The MLflow auth endpoints' grants: one user's own grant on one experiment or model.

export type ExperimentPermissionRow = typeof experimentPermissions.$inferSelect;
export type ModelPermissionRow = typeof registeredModelPermissions.$inferSelect;

/** Inserts a user's grant; null when they already hold one on that experiment. */
export async function insertExperimentPermission(db: Db, experimentId: number, userId: number, permission: Permission): Promise<ExperimentPermissionRow | null> {
  const [row] = await db
    .insert(experimentPermissions)
    .values({ experimentId, userId, permission })
    .onConflictDoNothing({ target: [experimentPermissions.experimentId, experimentPermissions.userId], where: sql`user_id is not null` })
    .returning();
  return row ?? null;
}

export async function findUserExperimentPermission(db: Db, experimentId: number, userId: number): Promise<ExperimentPermissionRow | null> {
  const [row] = await db
    .select()
    .from(experimentPermissions)
    .where(and(eq(experimentPermissions.experimentId, experimentId), eq(experimentPermissions.userId, userId)));
  return row ?? null;
}

/** The changed grant; null when the user held none on that experiment. */
export async function updateExperimentPermission(db: Db, experimentId: number, userId: number, permission: Permission): Promise<ExperimentPermissionRow | null> {
  const [row] = await db
    .update(experimentPermissions)
    .set({ permission })
    .where(and(eq(experimentPermissions.experimentId, experimentId), eq(experimentPermissions.userId, userId)))
    .returning();
  return row ?? null;
}

export async function deleteExperimentPermission(db: Db, experimentId: number, userId: number): Promise<boolean> {
  const deleted = await db
    .delete(experimentPermissions)
    .where(and(eq(experimentPermissions.experimentId, experimentId), eq(experimentPermissions.userId, userId)))
    .returning({ id: experimentPermissions.id });
  return deleted.length === 1;
}

export async function insertModelPermission(db: Db, name: string, userId: number, permission: Permission): Promise<ModelPermissionRow | null> {
  const [row] = await db
    .insert(registeredModelPermissions)
    .values({ name, userId, permission })
    .onConflictDoNothing({ target: [registeredModelPermissions.name, registeredModelPermissions.userId], where: sql`user_id is not null` })
    .returning();
  return row ?? null;
}

export async function findUserModelPermission(db: Db, name: string, userId: number): Promise<ModelPermissionRow | null> {
  const [row] = await db
    .select()
    .from(registeredModelPermissions)
    .where(and(eq(registeredModelPermissions.name, name), eq(registeredModelPermissions.userId, userId)));
  return row ?? null;
}

export async function updateModelPermission(db: Db, name: string, userId: number, permission: Permission): Promise<ModelPermissionRow | null> {
  const [row] = await db
    .update(registeredModelPermissions)
    .set({ permission })
    .where(and(eq(registeredModelPermissions.name, name), eq(registeredModelPermissions.userId, userId)))
    .returning();
  return row ?? null;
}

export async function deleteModelPermission(db: Db, name: string, userId: number): Promise<boolean> {
  const deleted = await db
    .delete(registeredModelPermissions)
    .where(and(eq(registeredModelPermissions.name, name), eq(registeredModelPermissions.userId, userId)))
    .returning({ id: registeredModelPermissions.id });
  return deleted.length === 1;
}

/** A user's own grants (users/get lists them, as MLflow does). */
export async function listUserGrants(db: Db, userId: number): Promise<{ experiments: ExperimentPermissionRow[]; models: ModelPermissionRow[] }> {
  const [experimentRows, modelRows] = await Promise.all([
    db.select().from(experimentPermissions).where(eq(experimentPermissions.userId, userId)),
    db.select().from(registeredModelPermissions).where(eq(registeredModelPermissions.userId, userId)),
  ]);
  return { experiments: experimentRows, models: modelRows };
}
