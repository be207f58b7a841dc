import { sql } from "drizzle-orm";
import type { Db } from "./types";
import { executeRows } from "./rows";

/**
 * Planner statistics that follow the data without autovacuum (off on some servers, lagging on
 * busy ones, absent in PGlite): a table whose file has grown by GROWTH of its size at the last
 * ANALYZE (pg_class.relpages) plus MIN_PAGES is analyzed again. Sizes come from the files, not
 * from the statistics collector, which PGlite does not keep.
 */
export const GROWTH = 0.2;
export const MIN_PAGES = 16;

/** The tables of the public schema grown past the threshold since their last ANALYZE. */
export async function findGrownTables(db: Db, options = { growth: GROWTH, minPages: MIN_PAGES }): Promise<string[]> {
  const rows = await executeRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and pg_relation_size(c.oid) / current_setting('block_size')::int8 > ${options.minPages}::int8 + (1 + ${options.growth}::float8) * greatest(c.relpages, 0)
      order by c.relname`,
  );
  return rows.map((r) => r.name);
}

/** ANALYZEs each grown table; answers their names. */
export async function analyzeGrownTables(db: Db): Promise<string[]> {
  const grown = await findGrownTables(db);
  for (const name of grown) await db.execute(sql.raw(`analyze public."${name.replaceAll('"', '""')}"`));
  return grown;
}

/**
 * Checks every `intervalMs`, off the request path (a timer that does not keep the process alive),
 * one check at a time. Answers the function that stops it.
 */
export function startAutoAnalyze(db: Db, options: { intervalMs: number; onError: (err: unknown) => void; onAnalyzed?: (tables: string[]) => void }): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    analyzeGrownTables(db)
      .then((tables) => tables.length > 0 && options.onAnalyzed?.(tables))
      .catch(options.onError)
      .finally(() => (running = false));
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
