/**
 * Session settings of our PostgreSQL connections (a DATABASE_URL parameter of the same name overrides).
 * No parallel workers: searches are short index walks, and workers cost more than they save (bench/search
 * (a): 131 → 71 ms p50 on 2 cores). A string, because postgres-js drops falsy start-up values.
 */
export const POSTGRES_SESSION = { max_parallel_workers_per_gather: "0" } as const;
