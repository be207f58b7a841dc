import { sql } from "drizzle-orm";
import { executePrepared } from "../db/prepared";
import type { Db } from "../db/types";
import type { ExperimentQuotaRow } from "./quota-repository";

/** What a write of metrics, params or tags needs to know about its run, read in one round trip. */
export interface LockedRunForData {
  experimentId: number;
  lifecycleStage: string;
  experimentStage: string;
  /** The experiment's own limits (null: only the server's apply). */
  quota: ExperimentQuotaRow | null;
  /** The run's metric-point counter after adding the write's points; null when nothing was added or the run has no counter row yet. */
  metricPoints: number | null;
}

type Row = Record<string, string | number | null>;

/**
 * Row-locks the run (shared) for a data write and, in the same prepared statement, reads its experiment's
 * stage and quota row and adds `addedPoints` to the run's counter (whose row lock makes writes to one run
 * count one after the other). The run is locked before the counter (the EXISTS runs first), as a deletion
 * locks them. undefined when there is no such run. Call inside the write's transaction.
 */
export async function lockRunForDataWrite(db: Db, runId: string, addedPoints: number): Promise<LockedRunForData | undefined> {
  const result = await executePrepared(
    db,
    sql`
    with locked as (
      select r.experiment_id, r.lifecycle_stage, e.lifecycle_stage as experiment_stage
      from runs r join experiments e on e.experiment_id = r.experiment_id
      where r.run_uuid = ${runId} for share of r
    ), counted as (
      update run_usage set metric_points = metric_points + ${addedPoints}::bigint
      where run_uuid = ${runId} and ${addedPoints}::bigint > 0 and exists (select 1 from locked)
      returning metric_points
    )
    select l.experiment_id, l.lifecycle_stage, l.experiment_stage, q.experiment_id as quota_experiment_id,
      q.max_runs, q.max_params_per_run, q.max_tags_per_run, q.max_metric_steps_per_run, q.max_artifact_bytes,
      (select metric_points from counted) as metric_points
    from locked l left join experiment_quotas q on q.experiment_id = l.experiment_id`,
    "lock_run_for_data_write",
  );
  const [row] = (Array.isArray(result) ? result : (result as { rows: Row[] }).rows) as Row[];
  if (!row) return undefined;
  const count = (v: string | number | null) => (v === null ? null : Number(v));
  return {
    experimentId: Number(row.experiment_id),
    lifecycleStage: String(row.lifecycle_stage),
    experimentStage: String(row.experiment_stage),
    quota:
      row.quota_experiment_id === null
        ? null
        : {
            experimentId: Number(row.quota_experiment_id),
            maxRuns: count(row.max_runs),
            maxParamsPerRun: count(row.max_params_per_run),
            maxTagsPerRun: count(row.max_tags_per_run),
            maxMetricStepsPerRun: count(row.max_metric_steps_per_run),
            maxArtifactBytes: count(row.max_artifact_bytes),
          },
    metricPoints: count(row.metric_points),
  };
}
