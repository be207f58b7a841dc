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

// The MLflow auth endpoints' grants: one user's own grant on one experiment or registered model. The two
// tables have the same shape but their resource column, so each operation is written once over both.

export type ExperimentPermissionRow = typeof experimentPermissions.$inferSelect;
export type ModelPermissionRow = typeof registeredModelPermissions.$inferSelect;

const GRANT_TABLES = {
  experiment: { table: experimentPermissions, resource: experimentPermissions.experimentId, field: "experimentId" },
  model: { table: registeredModelPermissions, resource: registeredModelPermissions.name, field: "name" },
} as const;
export type GrantKind = keyof typeof GRANT_TABLES;
/** What names the resource (an experiment id, a model name) and a stored grant, per kind. */
export interface GrantTypes {
  experiment: { resource: number; row: ExperimentPermissionRow };
  model: { resource: string; row: ModelPermissionRow };
}
type Resource<K extends GrantKind> = GrantTypes[K]["resource"];
type GrantRow<K extends GrantKind> = GrantTypes[K]["row"];
// Drizzle's builders do not take a union of tables; both share every column used here but the resource.
type AnyGrantTable = typeof experimentPermissions;

function grantTable(kind: GrantKind): AnyGrantTable {
  return GRANT_TABLES[kind].table as unknown as AnyGrantTable;
}

function userGrantWhere(kind: GrantKind, resource: number | string, userId: number): SQL {
  const { table, resource: column } = GRANT_TABLES[kind];
  return and(eq(column, resource), eq(table.userId, userId))!;
}

/** Inserts a user's grant; null when they already hold one on that resource. */
export async function insertUserGrant<K extends GrantKind>(db: Db, kind: K, resource: Resource<K>, userId: number, permission: Permission): Promise<GrantRow<K> | null> {
  const { resource: column, field } = GRANT_TABLES[kind];
  const table = grantTable(kind);
  const [row] = await db
    .insert(table)
    .values({ [field]: resource, userId, permission } as typeof table.$inferInsert)
    .onConflictDoNothing({ target: [column as unknown as typeof table.experimentId, table.userId], where: sql`user_id is not null` })
    .returning();
  return (row as GrantRow<K> | undefined) ?? null;
}

export async function findUserGrant<K extends GrantKind>(db: Db, kind: K, resource: Resource<K>, userId: number): Promise<GrantRow<K> | null> {
  const [row] = await db.select().from(grantTable(kind)).where(userGrantWhere(kind, resource, userId));
  return (row as GrantRow<K> | undefined) ?? null;
}

/** The changed grant; null when the user held none on that resource. */
export async function updateUserGrant<K extends GrantKind>(db: Db, kind: K, resource: Resource<K>, userId: number, permission: Permission): Promise<GrantRow<K> | null> {
  const [row] = await db.update(grantTable(kind)).set({ permission }).where(userGrantWhere(kind, resource, userId)).returning();
  return (row as GrantRow<K> | undefined) ?? null;
}

export async function deleteUserGrant(db: Db, kind: GrantKind, resource: number | string, userId: number): Promise<boolean> {
  const table = grantTable(kind);
  const deleted = await db.delete(table).where(userGrantWhere(kind, resource, userId)).returning({ id: table.id });
  return deleted.length === 1;
}

export const insertExperimentPermission = (db: Db, experimentId: number, userId: number, permission: Permission) => insertUserGrant(db, "experiment", experimentId, userId, permission);
export const insertModelPermission = (db: Db, name: string, userId: number, permission: Permission) => insertUserGrant(db, "model", name, userId, permission);

/** A user's own grants (users/get lists them, as MLflow does). */
export async function listUserGrants(db: Db, userId: number): Promise<{ experiments: ExperimentPermissionRow[]; models: ModelPermissionRow[] }> {
  const [experimentRows, modelRows] = await Promise.all([
    db.select().from(experimentPermissions).where(eq(experimentPermissions.userId, userId)),
    db.select().from(registeredModelPermissions).where(eq(registeredModelPermissions.userId, userId)),
  ]);
  return { experiments: experimentRows, models: modelRows };
}
