import { and, eq, inArray, sql } from "drizzle-orm";
import { experimentQuotas, experimentUsage, params, runs, runUsage, tags } from "../db/schema";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";

// Counts a quota check reads. Each is bounded: a count stops at `upTo` index entries (the quota plus
// one), and metric points come from a counter, so no check walks a long history.

export type ExperimentQuotaRow = typeof experimentQuotas.$inferSelect;

export async function findExperimentQuota(db: Db, experimentId: number): Promise<ExperimentQuotaRow | null> {
  const [row] = await db.select().from(experimentQuotas).where(eq(experimentQuotas.experimentId, experimentId));
  return row ?? null;
}

/** The quota row of a run's experiment: asked beside the run's own lookup, without waiting for its experiment id. */
export async function findExperimentQuotaOfRun(db: Db, runId: string): Promise<ExperimentQuotaRow | null> {
  const experimentOfRun = sql`(select ${runs.experimentId} from ${runs} where ${runs.runUuid} = ${runId})`;
  const [row] = await db.select().from(experimentQuotas).where(eq(experimentQuotas.experimentId, experimentOfRun));
  return row ?? null;
}

export async function listExperimentQuotas(db: Db): Promise<ExperimentQuotaRow[]> {
  return db.select().from(experimentQuotas);
}

/** Sets an experiment's limits (null: the server-wide one); a row of nulls is removed. */
export async function saveExperimentQuota(db: Db, row: ExperimentQuotaRow): Promise<void> {
  const { experimentId, ...limits } = row;
  if (Object.values(limits).every((v) => v === null)) {
    await db.delete(experimentQuotas).where(eq(experimentQuotas.experimentId, experimentId));
    return;
  }
  await db.insert(experimentQuotas).values(row).onConflictDoUpdate({ target: experimentQuotas.experimentId, set: limits });
}

/** Serialises run creation in one experiment while a run quota applies (count, then insert). */
export async function lockExperimentRuns(db: Db, experimentId: number): Promise<void> {
  await db.execute(sql`select 1 from experiments where experiment_id = ${experimentId} for no key update`);
}

export async function countActiveRunsUpTo(db: Db, experimentId: number, upTo: number): Promise<number> {
  const rows = await executeRows<{ n: string | number }>(db, sql`
    select count(*) as n from (
      select 1 from ${runs} where ${runs.experimentId} = ${experimentId} and ${runs.lifecycleStage} = 'active' limit ${upTo}
    ) bounded`);
  return Number(rows[0].n);
}

export async function countParamsUpTo(db: Db, runId: string, upTo: number): Promise<number> {
  const rows = await executeRows<{ n: string | number }>(db, sql`select count(*) as n from (select 1 from ${params} where ${params.runUuid} = ${runId} limit ${upTo}) bounded`);
  return Number(rows[0].n);
}

export async function countTagsUpTo(db: Db, runId: string, upTo: number): Promise<number> {
  const rows = await executeRows<{ n: string | number }>(db, sql`select count(*) as n from (select 1 from ${tags} where ${tags.runUuid} = ${runId} limit ${upTo}) bounded`);
  return Number(rows[0].n);
}

/** Which of `keys` the run already has as tags. */
export async function findTagKeys(db: Db, runId: string, keys: string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await db.select({ key: tags.key }).from(tags).where(and(eq(tags.runUuid, runId), inArray(tags.key, keys)));
  return rows.map((r) => r.key);
}

/**
 * Adds `added` metric points to the run's counter and returns the new total; the row stays locked until
 * the transaction ends, so concurrent writes to one run are counted one after the other. A run without a
 * row (older than the counter, or imported) is counted once from its history.
 */
export async function addRunMetricPoints(db: Db, runId: string, added: number): Promise<number> {
  const [updated] = await db
    .update(runUsage)
    .set({ metricPoints: sql`${runUsage.metricPoints} + ${added}` })
    .where(eq(runUsage.runUuid, runId))
    .returning({ total: runUsage.metricPoints });
  if (updated) return updated.total;
  const rows = await executeRows<{ total: string | number }>(db, sql`
    insert into run_usage (run_uuid, metric_points)
    select ${runId}, count(*) + ${added} from metrics where run_uuid = ${runId}
    on conflict (run_uuid) do update set metric_points = run_usage.metric_points + ${added}
    returning metric_points as total`);
  return Number(rows[0].total);
}

export async function findExperimentArtifactBytes(db: Db, experimentId: number): Promise<number> {
  const [row] = await db.select({ bytes: experimentUsage.artifactBytes }).from(experimentUsage).where(eq(experimentUsage.experimentId, experimentId));
  return row?.bytes ?? 0;
}

/**
 * Adds `added` bytes (negative: freed) to an experiment's total unless a growth would pass `limit` (no
 * limit: always); the new total, or null when refused. One statement, so two uploads racing cannot both
 * pass. Never below 0: files stored before the counter existed free bytes it never counted.
 */
export async function addExperimentArtifactBytes(db: Db, experimentId: number, added: number, limit: number | undefined): Promise<number | null> {
  const cap = limit ?? Number.MAX_SAFE_INTEGER;
  const rows = await executeRows<{ total: string | number }>(db, sql`
    insert into experiment_usage (experiment_id, artifact_bytes)
    select ${experimentId}, greatest(0, ${added}::bigint) where ${added}::bigint <= ${cap}::bigint
    on conflict (experiment_id) do update set artifact_bytes = greatest(0, experiment_usage.artifact_bytes + ${added}::bigint)
      where ${added}::bigint <= 0 or experiment_usage.artifact_bytes + ${added}::bigint <= ${cap}::bigint
    returning artifact_bytes as total`);
  const [row] = rows;
  return row ? Number(row.total) : null;
}

/** Usage of the experiments an admin page shows, against each quota: the run nearest a per-run limit counts. */
export interface ExperimentUsageRow {
  experimentId: number;
  name: string;
  activeRuns: number;
  artifactBytes: number;
  largestRunParams: number;
  largestRunTags: number;
  largestRunMetricSteps: number;
}

/** Active experiments, newest first, at most `limit`; per-run maxima are grouped scans (an admin page, not a write). */
export async function listExperimentUsage(db: Db, limit: number): Promise<ExperimentUsageRow[]> {
  const rows = await executeRows<Record<keyof ExperimentUsageRow, string | number>>(
    db,
    sql`
    with shown as (
      select experiment_id, name from experiments where lifecycle_stage = 'active' order by creation_time desc, experiment_id desc limit ${limit}
    )
    select s.experiment_id as "experimentId", s.name,
      (select count(*) from runs r where r.experiment_id = s.experiment_id and r.lifecycle_stage = 'active') as "activeRuns",
      coalesce((select artifact_bytes from experiment_usage u where u.experiment_id = s.experiment_id), 0) as "artifactBytes",
      coalesce((select max(c) from (select count(*) c from params p where p.experiment_id = s.experiment_id group by p.run_uuid) x), 0) as "largestRunParams",
      coalesce((select max(c) from (select count(*) c from tags t where t.experiment_id = s.experiment_id group by t.run_uuid) x), 0) as "largestRunTags",
      coalesce((select max(u.metric_points) from run_usage u join runs r on r.run_uuid = u.run_uuid where r.experiment_id = s.experiment_id), 0) as "largestRunMetricSteps"
    from shown s
    order by s.experiment_id`,
  );
  return rows.map((r) => ({
    experimentId: Number(r.experimentId),
    name: String(r.name),
    activeRuns: Number(r.activeRuns),
    artifactBytes: Number(r.artifactBytes),
    largestRunParams: Number(r.largestRunParams),
    largestRunTags: Number(r.largestRunTags),
    largestRunMetricSteps: Number(r.largestRunMetricSteps),
  }));
}
