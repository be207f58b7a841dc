import { sql } from "drizzle-orm";
import { dbTextToString, preparedTextStatement, type DbText } from "../db/text-rows";
import type { Db } from "../db/types";

/** Ends each field in HistoryColumns: a control character, which to_json escapes and numbers never hold. */
export const HISTORY_FIELD_SEPARATOR = "\x1e";

/**
 * A page of a metric's points, one text per field, each point's field ended by HISTORY_FIELD_SEPARATOR, in
 * MLflow's order. PostgreSQL spells each number once (float8out, int8out) and joins them, which costs it
 * less than half of writing each point's JSON (the concatenations and the double's spelling rules, per row);
 * the wire writer puts the points together (history-points-json.ts).
 */
export interface HistoryColumns {
  /** Values as float8out writes them; NaN where is_nan. */
  values: DbText;
  timestamps: DbText;
  /** Each step, followed by the point's model and dataset fields as JSON members (`,"dataset_name":"…"` …) where set. */
  steps: DbText;
}

export interface MetricHistoryColumns {
  runExists: boolean;
  /** null when the page has no points. */
  points: HistoryColumns | null;
  /** Points on the page: the columns may hold one more, which only tells that more follow. */
  count: number;
  /** More points follow this page (only when a page size was given). */
  hasMore: boolean;
}

/**
 * One page of a metric's history in MLflow's order (timestamp, step, value); the run's existence comes in
 * the same statement, prepared. A page fetches one point more than it answers, to tell whether more follow.
 */
export async function findMetricHistoryColumns(
  db: Db,
  query: { runId: string; key: string; pageSize?: number; offset: number },
): Promise<MetricHistoryColumns> {
  const pageSize = query.pageSize ?? null;
  const [[runExists, fetchedText, values, timestamps, steps]] = await historyColumns(db, {
    runId: query.runId,
    key: query.key,
    offset: query.offset,
    limit: pageSize === null ? null : pageSize + 1,
  });
  const fetched = Number(dbTextToString(fetchedText!));
  const hasMore = pageSize !== null && fetched > pageSize;
  return {
    runExists: dbTextToString(runExists!) === "true",
    points: fetched === 0 ? null : { values: values!, timestamps: timestamps!, steps: steps! },
    count: hasMore ? pageSize! : fetched,
    hasMore,
  };
}

// The optional fields as to_json writes them (as JSON.stringify wrote them before the database did).
const linkedFields = sql`concat(',"dataset_name":' || to_json(dataset_name)::text, ',"dataset_digest":' || to_json(dataset_digest)::text,
  ',"model_id":' || to_json(model_id)::text)`;
const separator = sql.raw(`E'\\x${HISTORY_FIELD_SEPARATOR.charCodeAt(0).toString(16)}'`);

const historyColumns = preparedTextStatement(
  () => sql`select exists(select 1 from runs where run_uuid = ${sql.placeholder("runId")})::text as run_exists,
      count(*)::text as fetched,
      string_agg(case when is_nan then 'NaN' else value::text end, ${separator}) as "values",
      string_agg("timestamp"::text, ${separator}) as timestamps,
      -- The optional fields are almost always unset.
      string_agg(case when dataset_name is null and dataset_digest is null and model_id is null then step::text
        else step::text || ${linkedFields} end, ${separator}) as steps
    -- Sorted by the subquery (an ordered aggregate would sort its input again), only the columns used: the
    -- sort copies each row. "timestamp" >= 0 (every point's) lets the (run, key, timestamp) index give the
    -- order; only ties on timestamp are sorted.
    from (select "timestamp", step, value, is_nan, model_id, dataset_name, dataset_digest from metrics
      where run_uuid = ${sql.placeholder("runId")} and key = ${sql.placeholder("key")} and "timestamp" >= 0
      order by "timestamp", step, value offset ${sql.placeholder("offset")} limit ${sql.placeholder("limit")}) as sorted`,
);
