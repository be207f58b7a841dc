import { sql } from "drizzle-orm";
import type { Db } from "../db/types";
import { summarizeAllMetricBlockBacklog } from "../repositories/metric-block-backlog-repository";
import { insertMetricPoints, type StoredPoint } from "../repositories/metrics-repository";

/**
 * A run `runId` (in the first experiment, started at `startTime`) whose `key` history is `points`, written
 * the way log-batch writes it: 20,000 points per transaction, NaN stored as a flag; then summarized for
 * charts, as the server's summarizer would soon after.
 */
export async function insertRunWithHistory(
  db: Db,
  run: { runId: string; startTime: number },
  points: Omit<StoredPoint, "key" | "isNan">[],
  key = "loss",
): Promise<string> {
  await db.execute(sql`insert into runs (run_uuid, name, experiment_id, status, start_time, artifact_uri)
    values (${run.runId}, ${run.runId}, (select min(experiment_id) from experiments), 'RUNNING', ${run.startTime}, '')`);
  for (let i = 0; i < points.length; i += 20_000) {
    const batch = points.slice(i, i + 20_000).map((p) => ({
      ...p,
      key,
      isNan: Number.isNaN(p.value),
      value: Number.isNaN(p.value) ? 0 : p.value,
    }));
    await db.transaction((tx) => insertMetricPoints(tx as never, run.runId, batch));
  }
  await summarizeAllMetricBlockBacklog(db);
  return run.runId;
}
