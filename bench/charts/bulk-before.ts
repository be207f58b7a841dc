// "Before" for metrics/get-history-bulk-interval, in the same run as "after": the database work
// the endpoint did until issue 13 (commit c97bc07), replayed as it was — every distinct step of
// the run to Node, max_results of them picked evenly, then the points at those steps — and which
// of the series' spikes that even pick kept.
import postgres from "postgres";
import { POSTGRES_SESSION } from "../../server/db/postgres-session";
import { stats } from "../search/measure";
import { lossAt, SPIKE_VALUE } from "./seed";

const REPETITIONS = 5;

/** The old sampler: `max` evenly spaced items, first and last included. */
function sampleEvenly<T>(items: T[], max: number): T[] {
  if (items.length <= max) return items;
  if (max === 1) return [items[items.length - 1]];
  const picked = new Set<number>();
  for (let i = 0; i < max; i++) picked.add(Math.round((i * (items.length - 1)) / (max - 1)));
  return [...picked].sort((a, b) => a - b).map((i) => items[i]);
}

export async function benchmarkBulkBefore(databaseUrl: string, runId: string, spikes: number): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {}, connection: { ...POSTGRES_SESSION } });
  try {
    for (const maxResults of [2500, 320]) {
      const samples: number[] = [];
      let kept = 0;
      for (let i = 0; i < REPETITIONS + 1; i++) {
        const started = performance.now();
        const steps = await sql`select distinct run_uuid, step from metrics where run_uuid in (${runId}) and key = 'loss' order by run_uuid, step`;
        const picked = sampleEvenly(steps.map((s) => Number(s.step)), maxResults);
        const pairs = sql.json(picked.map((step) => ({ run: runId, step })));
        const rows = await sql`
          select * from (
            select *, row_number() over (partition by run_uuid order by step, "timestamp", value) as rank from metrics
            where key = 'loss' and (run_uuid, step) in (select run, step from jsonb_to_recordset(${pairs}) as p(run text, step int8))
          ) ranked where rank <= ${maxResults} order by run_uuid, step, "timestamp", value`;
        if (i > 0) samples.push(performance.now() - started);
        kept = rows.filter((r) => Number(r.value) === SPIKE_VALUE && lossAt(Number(r.step)) === SPIKE_VALUE).length;
      }
      const s = stats(samples);
      console.log(
        `    before (c97bc07's queries, database + Node only), max_results=${maxResults}: p50 ${s.p50.toFixed(0)} ms, ` +
          `${kept} of ${spikes} spikes kept`,
      );
    }
  } finally {
    await sql.end();
  }
}
