import { sql } from "drizzle-orm";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";

export interface SeriesAggregateRow {
  runId: string;
  key: string;
  /** Finite points (not NaN, not ±Infinity); mean and max over them (null when there are none). */
  count: number;
  mean: number | null;
  max: number | null;
  firstTimestamp: number;
  lastTimestamp: number;
}

/**
 * Count, mean, max and first/last time of each series of the runs whose key matches `keyPattern`
 * (a POSIX regex). The keys come from latest_metrics (one row per series), and each series is then
 * aggregated over its own primary-key range, so other metrics of the run are never read.
 */
export async function findSeriesAggregates(db: Db, runIds: string[], keyPattern: string): Promise<SeriesAggregateRow[]> {
  const rows = await executeRows<Record<string, string | number | null>>(
    db,
    sql`select lm.run_uuid as run_id, lm.key, a.count, a.mean, a.max, a.first_ts, a.last_ts
        from latest_metrics lm
        cross join lateral (
          select count(*) filter (where m.finite) as count,
                 avg(m.value) filter (where m.finite) as mean,
                 max(m.value) filter (where m.finite) as max,
                 min(m."timestamp") as first_ts, max(m."timestamp") as last_ts
          from (select value, "timestamp", not is_nan and value <> 'Infinity'::float8 and value <> '-Infinity'::float8 as finite
                from metrics where run_uuid = lm.run_uuid and key = lm.key) m) a
        where lm.run_uuid in (${sql.join(runIds.map((id) => sql`${id}`), sql`, `)}) and lm.key ~ ${keyPattern}
        order by lm.run_uuid, lm.key`,
  );
  // bigint and numeric aggregates arrive as text on postgres-js.
  const num = (v: string | number | null) => (v === null ? null : Number(v));
  return rows.map((r) => ({
    runId: String(r.run_id),
    key: String(r.key),
    count: Number(r.count),
    mean: num(r.mean),
    max: num(r.max),
    firstTimestamp: Number(r.first_ts),
    lastTimestamp: Number(r.last_ts),
  }));
}
