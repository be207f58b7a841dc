import { sql } from "drizzle-orm";
import { numberArrayLiteral } from "../db/pg-array";
import { executeRows } from "../db/rows";
import type { Db } from "../db/types";

/** The database's clock in epoch ms: replicas' clocks may disagree, the shared buckets refill by one. */
const DATABASE_NOW_MS = sql`floor(extract(epoch from clock_timestamp()) * 1000)::bigint`;

/**
 * Takes the requests each token was admitted on this replica since its last exchange out of the token's
 * shared bucket (created full), refilled first at `perMinute`, and answers what each bucket holds now, in
 * ONE statement. Rows are written in token order, so replicas exchanging at once cannot deadlock. A bucket
 * may go below zero (replicas admitted more between exchanges), at most one minute's worth.
 */
export async function exchangeTokenRequests(db: Db, perMinute: number, admitted: ReadonlyMap<number, number>): Promise<Map<number, number>> {
  if (admitted.size === 0) return new Map();
  const ids = [...admitted.keys()].sort((a, b) => a - b);
  // A new row's `available` is perMinute − admitted, so on conflict excluded.available still says how many.
  const rows = await executeRows<{ token_id: number; available: number }>(
    db,
    sql`insert into token_request_buckets as b (token_id, available, updated_time)
      select token_id, ${perMinute}::float8 - admitted, ${DATABASE_NOW_MS}
      from unnest(${numberArrayLiteral(ids)}::int[], ${numberArrayLiteral(ids.map((id) => admitted.get(id)!))}::float8[]) as u(token_id, admitted)
      order by token_id
      on conflict (token_id) do update set
        available = greatest(-${perMinute}::float8, least(${perMinute}::float8,
          b.available + greatest(0, excluded.updated_time - b.updated_time) * ${perMinute / 60_000}::float8) - (${perMinute}::float8 - excluded.available)),
        updated_time = greatest(b.updated_time, excluded.updated_time)
      returning token_id, available`,
  );
  return new Map(rows.map((r) => [Number(r.token_id), Number(r.available)]));
}

/** Forgets buckets untouched for `idleMs` (full again by then; a returning token starts from a full one). */
export async function deleteIdleTokenBuckets(db: Db, idleMs: number): Promise<void> {
  await db.execute(sql`delete from token_request_buckets where updated_time < ${DATABASE_NOW_MS} - ${idleMs}`);
}
