import { sql, type SQL } from "drizzle-orm";
import { getTableConfig } from "drizzle-orm/pg-core";
import { isUniqueViolation } from "../db/errors";
import { preparedStatement } from "../db/prepared";
import { boolArrayLiteral, numberArrayLiteral, textArrayLiteral } from "../db/pg-array";
import { metrics } from "../db/schema";
import { insertBlocksOf } from "./metric-blocks-sql";
import { experimentOfRun } from "./run-experiment";
import type { Db } from "../db/types";

const METRICS_PRIMARY_KEY = getTableConfig(metrics).primaryKeys[0].getName();

/** A point as stored: NaN is kept as value 0 plus is_nan (MLflow's representation). */
export interface StoredPoint {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  isNan: boolean;
  modelId?: string;
  datasetName?: string;
  datasetDigest?: string;
}

/** Up to this many points, a batch is written with ON CONFLICT DO NOTHING at once (no savepoint). */
const SMALL_BATCH_POINTS = 64;

/**
 * Appends points, advances latest_metrics and records the series in metric_block_backlog in ONE statement
 * whatever the batch size (each column one array parameter, unnested). The primary key drops exact
 * duplicates; latest moves only when beaten on (step, timestamp, value). The chart summaries are built
 * later from the backlog (metric-block-backlog-repository.ts). Call inside a transaction.
 */
export async function insertMetricPoints(db: Db, runId: string, points: StoredPoint[]): Promise<void> {
  if (points.length === 0) return;
  const values = { runId, ...toColumns(points) };
  // Per-step logging (one point per request, the official client's log_metric): the statement's
  // fixed cost dominates, and a savepoint would add two round trips to it; ignore duplicates directly.
  if (points.length <= SMALL_BATCH_POINTS) {
    await appendStatement(true)(db, values);
    return;
  }
  // Fast path: a plain INSERT costs about half as much per row as ON CONFLICT DO NOTHING
  // (speculative insertion). Run it in a savepoint; only if the batch repeats a stored point (a
  // client retry) is it undone and replayed with duplicates ignored.
  try {
    await db.transaction((savepoint) => appendStatement(false)(savepoint as unknown as Db, values));
  } catch (err) {
    if (!isUniqueViolation(err, METRICS_PRIMARY_KEY)) throw err;
    await appendStatement(true)(db, values);
  }
}

/** The batch as array literals, one per column; columns nobody set are sent as NULL. */
function toColumns(points: StoredPoint[]) {
  const optional = (values: (string | undefined)[]) => (values.some((v) => v !== undefined) ? textArrayLiteral(values) : null);
  return {
    keys: textArrayLiteral(points.map((p) => p.key)),
    values: numberArrayLiteral(points.map((p) => p.value)),
    timestamps: numberArrayLiteral(points.map((p) => p.timestamp)),
    steps: numberArrayLiteral(points.map((p) => p.step)),
    isNan: boolArrayLiteral(points.map((p) => p.isNan)),
    modelIds: optional(points.map((p) => p.modelId)),
    datasetNames: optional(points.map((p) => p.datasetName)),
    datasetDigests: optional(points.map((p) => p.datasetDigest)),
  };
}

type AppendStatement = ReturnType<typeof preparedStatement>;
const appendStatements = new Map<boolean, AppendStatement>();

/** The append statement of one shape, its values placeholders: built and compiled once, not per request. */
function appendStatement(ignoreDuplicates: boolean): AppendStatement {
  let statement = appendStatements.get(ignoreDuplicates);
  if (!statement) {
    const name = ignoreDuplicates ? "append_points_ignoring_duplicates" : "append_points";
    statement = preparedStatement(name, () => appendPoints({ ignoreDuplicates }));
    appendStatements.set(ignoreDuplicates, statement);
  }
  return statement;
}

function appendPoints(options: { ignoreDuplicates: boolean }): SQL {
  const p = (name: keyof ReturnType<typeof toColumns> | "runId") => sql.placeholder(name);
  const runId = sql`${p("runId")}`;
  // unnest pads shorter arrays (here: a NULL one) with NULLs, which is what an unset column means.
  return sql`
    with points as (
      select * from unnest(
        ${p("keys")}::text[], ${p("values")}::float8[], ${p("timestamps")}::int8[], ${p("steps")}::int8[], ${p("isNan")}::bool[],
        ${p("modelIds")}::text[], ${p("datasetNames")}::text[], ${p("datasetDigests")}::text[]
      ) as p(key, value, "timestamp", step, is_nan, model_id, dataset_name, dataset_digest)
    ), appended as (
      insert into metrics (run_uuid, key, step, "timestamp", value, is_nan, model_id, dataset_name, dataset_digest)
      select ${runId}, key, step, "timestamp", value, is_nan, model_id, dataset_name, dataset_digest from points
      ${options.ignoreDuplicates ? sql`on conflict do nothing` : sql``}
      returning key, step, "timestamp", value, is_nan
    ), backlog as (
      -- Only a bound that moves down is written: a series logged step after step updates its row once per summary.
      insert into metric_block_backlog (run_uuid, key, min_step, min_timestamp)
      select ${runId}, key, min(step), min("timestamp") from appended group by key order by key
      on conflict (run_uuid, key) do update
        set min_step = least(metric_block_backlog.min_step, excluded.min_step),
            min_timestamp = least(metric_block_backlog.min_timestamp, excluded.min_timestamp)
        where excluded.min_step < metric_block_backlog.min_step or excluded.min_timestamp < metric_block_backlog.min_timestamp
      returning 1
    )
    insert into latest_metrics (run_uuid, key, step, "timestamp", value, is_nan, experiment_id)
    select distinct on (key) ${runId}, key, step, "timestamp", value, is_nan, ${experimentOfRun(runId)} from points
    order by key, step desc, "timestamp" desc, value desc
    on conflict (run_uuid, key) do update
      set step = excluded.step, "timestamp" = excluded."timestamp", value = excluded.value, is_nan = excluded.is_nan
      where (excluded.step, excluded."timestamp", excluded.value)
          > (latest_metrics.step, latest_metrics."timestamp", latest_metrics.value)`;
}

/**
 * Rebuilds a run's chart summaries (metric_blocks) from its stored points — for writers that do
 * not go through insertMetricPoints (metron import's COPY). Idempotent: the old summaries go first.
 */
export async function rebuildMetricBlocks(db: Db, runId: string): Promise<void> {
  await db.execute(sql`delete from metric_blocks where run_uuid = ${runId}`);
  await db.execute(sql`
    with stored as (select key, step, "timestamp", value, is_nan from metrics where run_uuid = ${runId}),
    ${insertBlocksOf(runId, "stored")}
    select 1`);
}
