import { AsyncLocalStorage } from "node:async_hooks";
import type { Sql } from "postgres";
import { findErrorCode } from "./cause-chain";
import { isClosedConnection } from "./connection-loss";
import type { Db } from "./types";
import { DatabaseUnavailableError } from "./unavailable";

/**
 * Where searches run, apart from writes, so slow or hostile searches never starve logging: on PostgreSQL
 * a pool of their own under statement_timeout, cancelled when the client leaves; on PGlite (one connection)
 * one search at a time ahead of writes, the others waiting at most the timeout.
 */
export interface SearchBudget {
  run<T>(signal: AbortSignal | undefined, work: (db: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Connections of the search pool (the write pool has 10): at most this many searches run at once. */
export const SEARCH_CONNECTIONS = 4;

const timedOut = (timeoutMs: number, cause?: unknown) =>
  new DatabaseUnavailableError(
    `The search did not finish within the server's search timeout of ${timeoutMs} ms (METRON_SEARCH_TIMEOUT_MS) and was stopped. Narrow the filter, or retry later.`,
    { cause },
  );
const clientLeft = () => new DatabaseUnavailableError("The client closed the connection; the search was cancelled.");

interface PendingQuery {
  cancel(): void;
}

/** PostgreSQL: `client` is the search pool (opened with statement_timeout); `toDb` wraps it for Drizzle. */
export function postgresSearchBudget(client: Sql, toDb: (client: Sql) => Db, timeoutMs: number): SearchBudget {
  const running = new AsyncLocalStorage<Set<PendingQuery>>();
  // Drizzle sends every statement through unsafe(); remember each one under its search.
  const tracked = new Proxy(client, {
    get(target, prop, receiver) {
      if (prop !== "unsafe") return Reflect.get(target, prop, receiver);
      return (...args: Parameters<Sql["unsafe"]>) => {
        const query = target.unsafe(...args);
        running.getStore()?.add(query);
        return query;
      };
    },
  });
  const db = toDb(tracked);
  return {
    async run(signal, work) {
      if (running.getStore()) return work(db);
      if (signal?.aborted) throw clientLeft();
      const queries = new Set<PendingQuery>();
      const cancelAll = () => queries.forEach((query) => query.cancel());
      signal?.addEventListener("abort", cancelAll, { once: true });
      try {
        try {
          return await running.run(queries, () => work(db));
        } catch (err) {
          // A pooled connection the database closed (a restart, terminated backends) fails the first
          // statement sent on it; searches only read, so one more try takes a fresh connection.
          if (signal?.aborted || !isClosedConnection(err)) throw err;
          return await running.run(queries, () => work(db));
        }
      } catch (err) {
        if (signal?.aborted) throw clientLeft();
        if (isQueryCanceled(err)) throw timedOut(timeoutMs, err);
        throw err;
      } finally {
        signal?.removeEventListener("abort", cancelAll);
      }
    },
    close: () => client.end(),
  };
}

/** SQLSTATE 57014: statement_timeout (or a cancel request) stopped the statement. */
function isQueryCanceled(err: unknown): boolean {
  return findErrorCode(err, (code) => code === "57014") !== undefined;
}

/** PGlite: searches take turns (one in PGlite's queue at a time), waiting at most `timeoutMs`. */
export function pgliteSearchBudget(db: Db, timeoutMs: number): SearchBudget {
  const inSearch = new AsyncLocalStorage<true>();
  let turn: Promise<void> = Promise.resolve();
  return {
    async run(signal, work) {
      if (inSearch.getStore()) return work(db);
      const previous = turn;
      let release!: () => void;
      turn = new Promise((resolve) => (release = resolve));
      try {
        await waitForTurn(previous, signal, timeoutMs);
        return await inSearch.run(true, () => work(db));
      } finally {
        // The next search starts when this one ends, after a turn of the event loop: PGlite runs statements
        // synchronously and a search's statements chain in microtasks, so otherwise no write request could
        // even be read until every waiting search had run.
        previous.then(() => setImmediate(release));
      }
    },
    close: async () => {},
  };
}

async function waitForTurn(previous: Promise<void>, signal: AbortSignal | undefined, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  try {
    await Promise.race([
      previous,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(timedOut(timeoutMs)), timeoutMs);
        onAbort = () => reject(clientLeft());
        if (signal?.aborted) onAbort();
        signal?.addEventListener("abort", onAbort, { once: true });
      }),
    ]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener("abort", onAbort);
  }
}
