import { sql } from "drizzle-orm";
import type { Db } from "./types";
import { executeRows } from "./rows";

/**
 * Statistics that follow the data without autovacuum (off, lagging, or absent in PGlite): re-ANALYZE after
 * GROWTH of the rows (counted by PostgreSQL; by file size in PGlite). Small, because a new 10,000-run
 * experiment beside a 100,000-run one is 10% of rows, and until analyzed the planner thinks it has ~1 run.
 * The same fraction of rows written since the last VACUUM has PostgreSQL vacuumed (visibility map) as well.
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
 * The public tables with many rows written since their last VACUUM. VACUUM marks pages all-visible, so that
 * the index-only scans of searches stop fetching each fresh row from the heap; it also reclaims what updates
 * left dead.
 */
export async function findTablesToVacuum(db: Db, options = { growth: GROWTH, minRows: MIN_ROWS }): Promise<string[]> {
  const rows = await executeRows<{ name: string }>(
    db,
    sql`select s.relname as name from pg_stat_user_tables s join pg_class c on c.oid = s.relid
      where s.schemaname = 'public'
        and s.n_ins_since_vacuum + s.n_dead_tup > ${options.minRows}::int8 + ${options.growth}::float8 * greatest(c.reltuples, 0)
      order by s.relname`,
  );
  return rows.map((r) => r.name);
}

/** VACUUMs each table written past the threshold; answers their names. */
export async function vacuumWrittenTables(db: Db): Promise<string[]> {
  const written = await findTablesToVacuum(db);
  for (const name of written) await db.execute(sql.raw(`vacuum public."${name.replaceAll('"', '""')}"`));
  return written;
}

/**
 * Checks every `intervalMs`, off the request path (a timer that does not keep the process alive),
 * one check at a time: ANALYZE of grown tables, then (if asked) VACUUM of written ones. Answers the function that stops it.
 */
export function startAutoAnalyze(
  db: Db,
  options: {
    intervalMs: number;
    /** Also VACUUM (PostgreSQL: beside other connections; PGlite's one connection would wait for it). */
    vacuum?: boolean;
    onError: (err: unknown) => void;
    onAnalyzed?: (tables: string[]) => void;
    onVacuumed?: (tables: string[]) => void;
  },
): () => void {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    // Statistics first: a VACUUM of a large table takes seconds, a wrong plan costs every request meanwhile.
    analyzeGrownTables(db)
      .then((tables) => tables.length > 0 && options.onAnalyzed?.(tables))
      .then(() => (options.vacuum ? vacuumWrittenTables(db) : []))
      .then((tables) => tables.length > 0 && options.onVacuumed?.(tables))
      .catch(options.onError)
      .finally(() => (running = false));
  }, options.intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
