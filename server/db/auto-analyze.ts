import { sql } from "drizzle-orm";
import type { Db } from "./types";
import { executeRows } from "./rows";

/**
 * Statistics that follow the data without autovacuum (off, lagging, or absent in PGlite): re-ANALYZE after
 * GROWTH of the rows (counted by PostgreSQL; by file size in PGlite). Small, because a new 10,000-run
 * experiment beside a 100,000-run one is 10% of rows, and until analyzed the planner thinks it has ~1 run.
 */
export const GROWTH = 0.05;
export const MIN_ROWS = 500;
export const MIN_PAGES = 16;

/** The tables of the public schema grown past the threshold since their last ANALYZE. */
export async function findGrownTables(db: Db, options = { growth: GROWTH, minRows: MIN_ROWS, minPages: MIN_PAGES }): Promise<string[]> {
  const rows = await executeRows<{ name: string }>(
    db,
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      left join pg_stat_user_tables s on s.relid = c.oid
      where n.nspname = 'public' and c.relkind = 'r'
        and (pg_relation_size(c.oid) / current_setting('block_size')::int8 > ${options.minPages}::int8 + (1 + ${options.growth}::float8) * greatest(c.relpages, 0)
          or coalesce(s.n_mod_since_analyze, 0) > ${options.minRows}::int8 + ${options.growth}::float8 * greatest(c.reltuples, 0))
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
