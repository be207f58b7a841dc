import type { Sql } from "postgres";

/** Seconds until the server's summarizer has emptied metric_block_backlog (0 on a build that summarizes on write). */
export async function waitForSummaries(sql: Sql): Promise<number> {
  const started = performance.now();
  const [{ exists }] = await sql`select to_regclass('metric_block_backlog') is not null as exists`;
  if (!exists) return 0;
  while ((await sql`select 1 from metric_block_backlog limit 1`).length > 0) await new Promise((r) => setTimeout(r, 20));
  return (performance.now() - started) / 1000;
}
