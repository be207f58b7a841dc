import { asc, eq, sql } from "drizzle-orm";
import { latestMetrics, metrics } from "../db/schema";
import type { Db } from "../db/types";

export interface MetricSummaryRow {
  key: string;
  /** The latest point (greatest step, then timestamp, then value), as latest_metrics keeps it. */
  value: number;
  isNan: boolean;
  step: number;
  timestamp: number;
  /** Extremes over the whole history, NaN points left out; null when every point is NaN. */
  min: number | null;
  max: number | null;
  points: number;
}

/**
 * Every metric of a run with its latest value and the min/max/count of its history, in ONE grouped
 * query. The history's primary key starts (run, key, step, timestamp, value, is_nan), so the
 * aggregate reads the index alone and never sorts; latest_metrics supplies the last point.
 */
export async function findMetricSummaries(db: Db, runId: string): Promise<MetricSummaryRow[]> {
  const history = db
    .select({
      key: metrics.key,
      min: sql<number | null>`min(${metrics.value}) filter (where not ${metrics.isNan})`.as("min"),
      max: sql<number | null>`max(${metrics.value}) filter (where not ${metrics.isNan})`.as("max"),
      points: sql<number>`count(*)`.as("points"),
    })
    .from(metrics)
    .where(eq(metrics.runUuid, runId))
    .groupBy(metrics.key)
    .as("history");
  const rows = await db
    .select({
      key: latestMetrics.key,
      value: latestMetrics.value,
      isNan: latestMetrics.isNan,
      step: latestMetrics.step,
      timestamp: latestMetrics.timestamp,
      min: history.min,
      max: history.max,
      points: history.points,
    })
    .from(latestMetrics)
    .innerJoin(history, eq(history.key, latestMetrics.key))
    .where(eq(latestMetrics.runUuid, runId))
    .orderBy(asc(latestMetrics.key));
  // Aggregates come back as text on some drivers (count is int8, min/max of a subquery lose their type).
  return rows.map((r) => ({
    ...r,
    min: r.min === null ? null : Number(r.min),
    max: r.max === null ? null : Number(r.max),
    points: Number(r.points),
  }));
}
