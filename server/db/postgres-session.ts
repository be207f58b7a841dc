/**
 * Session settings of our PostgreSQL connections (a DATABASE_URL parameter of the same name overrides).
 * No parallel workers (bench/search (a): 131 → 71 ms p50 on 2 cores) and no JIT: its compile step cost
 * every chart query ~110 ms once estimates passed jit_above_cost (7 ms without). Strings: postgres-js drops falsy values.
 */
export const POSTGRES_SESSION = { max_parallel_workers_per_gather: "0", jit: "off" } as const;
