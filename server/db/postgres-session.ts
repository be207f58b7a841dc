/**
 * Session settings of Metron's PostgreSQL connections (sent at connection start-up; a
 * DATABASE_URL query parameter of the same name overrides them).
 *
 * Searches are short index walks that stop after a page. Starting parallel workers for them
 * costs more than it saves (bench/search case (a): 131 → 71 ms p50 on 2 cores). postgres-js
 * drops falsy start-up values, hence the string.
 */
export const POSTGRES_SESSION = { max_parallel_workers_per_gather: "0" } as const;
