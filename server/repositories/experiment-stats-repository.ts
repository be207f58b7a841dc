import { sql } from "drizzle-orm";
import { runs } from "../db/schema";
import type { Db } from "../db/types";
import { anyInteger } from "./any-of";

export interface ExperimentRunStats {
  experimentId: number;
  activeRuns: number;
  deletedRuns: number;
  /** Start time of the newest run (active or deleted), epoch ms. */
  lastRunStartTime: number;
}

/**
 * Run counts of a page of experiments in one grouped query; experiments without runs get no row.
 * The list page shows these for up to a thousand experiments at once, so never one query each.
 */
export async function countRunsByExperiment(db: Db, experimentIds: number[]): Promise<ExperimentRunStats[]> {
  if (experimentIds.length === 0) return [];
  const rows = await db
    .select({
      experimentId: runs.experimentId,
      activeRuns: sql<number>`count(*) filter (where ${runs.lifecycleStage} = 'active')`.mapWith(Number),
      deletedRuns: sql<number>`count(*) filter (where ${runs.lifecycleStage} <> 'active')`.mapWith(Number),
      lastRunStartTime: sql<number>`max(${runs.startTime})`.mapWith(Number),
    })
    .from(runs)
    .where(anyInteger(runs.experimentId, experimentIds))
    .groupBy(runs.experimentId);
  return rows;
}
