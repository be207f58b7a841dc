import { sql, type SQL } from "drizzle-orm";

/**
 * The experiment of a run, as a value for the experiment_id copy that params, tags and
 * latest_metrics carry (migration 0005): read inside the writing statement, so that it is the
 * run's experiment in the writer's own snapshot and no caller has to know it.
 */
export function experimentOfRun(runUuid: string | SQL): SQL<number> {
  return sql<number>`(select r.experiment_id from runs r where r.run_uuid = ${runUuid})`;
}
