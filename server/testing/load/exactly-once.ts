import postgres from "postgres";
import { PARAM_PREFIX, pointTimestamp, pointValue, TAG_PREFIX, type LoggerLedger } from "./loggers";

// After a load run: does PostgreSQL hold every acknowledged point, param and tag exactly once, with the
// value its client sent, and nothing it never sent? Read in SQL, not through the API under test.

export interface StoredCounts {
  points: number;
  params: number;
  tags: number;
  /** Each a sentence naming the run and what is wrong; empty when everything holds. */
  problems: string[];
}

export async function checkExactlyOnce(databaseUrl: string, ledgers: LoggerLedger[]): Promise<StoredCounts> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    const runIds = ledgers.map((l) => l.runId);
    const series = await sql<{ run_uuid: string; key: string; n: number; steps: number; first: number; last: number; wrong: number; latest: number | null }[]>`
      select m.run_uuid, m.key, count(*)::int as n, count(distinct m.step)::int as steps, min(m.step)::int as first, max(m.step)::int as last,
             count(*) filter (where m.value <> m.step * ${pointValue(1)}::float8 or m."timestamp" <> ${pointTimestamp(0)}::bigint + m.step or m.is_nan)::int as wrong,
             (select l.step::int from latest_metrics l where l.run_uuid = m.run_uuid and l.key = m.key) as latest
      from metrics m where m.run_uuid = any(${runIds}) group by m.run_uuid, m.key`;
    const keyValues = (table: "params" | "tags", prefix: string) => sql<{ run_uuid: string; n: number; wrong: number }[]>`
      select run_uuid, count(*)::int as n, count(*) filter (where value <> 'value-' || substr(key, ${prefix.length + 1}))::int as wrong
      from ${sql(table)} where run_uuid = any(${runIds}) and starts_with(key, ${prefix}) group by run_uuid`;
    const [params, tags] = await Promise.all([keyValues("params", PARAM_PREFIX), keyValues("tags", TAG_PREFIX)]);

    const problems: string[] = [];
    let points = 0;
    for (const ledger of ledgers) {
      const keys = new Set([...Object.keys(ledger.acknowledged), ...Object.keys(ledger.unacknowledged)]);
      for (const row of series.filter((s) => s.run_uuid === ledger.runId)) if (!keys.has(row.key)) problems.push(`run ${ledger.runId}: series ${row.key} was never sent`);
      for (const key of keys) {
        const row = series.find((s) => s.run_uuid === ledger.runId && s.key === key);
        const [acked, unacked] = [ledger.acknowledged[key] ?? 0, ledger.unacknowledged[key] ?? 0];
        const stored = row?.n ?? 0;
        points += stored;
        if (stored < acked || stored > acked + unacked) problems.push(`run ${ledger.runId} ${key}: ${stored} points stored, ${acked} acknowledged, ${unacked} unanswered`);
        if (!row) continue;
        if (row.steps !== row.n) problems.push(`run ${ledger.runId} ${key}: ${row.n - row.steps} points stored twice`);
        if (row.wrong > 0) problems.push(`run ${ledger.runId} ${key}: ${row.wrong} points with another value or timestamp than sent`);
        if (unacked === 0 && (row.first !== 0 || row.last !== row.n - 1)) problems.push(`run ${ledger.runId} ${key}: steps ${row.first}..${row.last} for ${row.n} points`);
        if (row.latest !== row.last) problems.push(`run ${ledger.runId} ${key}: latest_metrics says step ${row.latest}, history ends at ${row.last}`);
      }
    }
    const checkKeyValues = (rows: { run_uuid: string; n: number; wrong: number }[], what: "params" | "tags") => {
      let total = 0;
      for (const ledger of ledgers) {
        const row = rows.find((r) => r.run_uuid === ledger.runId) ?? { n: 0, wrong: 0 };
        const { acknowledged, unacknowledged } = ledger[what];
        total += row.n;
        if (row.n < acknowledged || row.n > acknowledged + unacknowledged) problems.push(`run ${ledger.runId}: ${row.n} ${what} stored, ${acknowledged} acknowledged, ${unacknowledged} unanswered`);
        if (row.wrong > 0) problems.push(`run ${ledger.runId}: ${row.wrong} ${what} with another value than sent`);
      }
      return total;
    };
    return { points, params: checkKeyValues(params, "params"), tags: checkKeyValues(tags, "tags"), problems };
  } finally {
    await sql.end();
  }
}
