import type net from "node:net";
import type { Sql } from "postgres";
import { processSingleton } from "../process-singleton";
import type { PgliteClient } from "./pglite-guard";

// Connection pool usage for /metrics. postgres-js has no pool statistics, so we count ourselves: sockets in
// the pool's socket factory, and statements (or whole transactions, which hold a connection) from the
// moment Drizzle awaits them until they settle.

export interface PoolUsage {
  /** Connections the pool may open. */
  max: number;
  /** Connections open now. */
  open: number;
  /** Statements and transactions sent to the pool and not yet answered. */
  inFlight: number;
}

/** The process's pools by name: "main" and "search" (PostgreSQL), "embedded" (PGlite). */
export function poolUsages(): Map<string, PoolUsage> {
  return processSingleton("db-pool-usage", () => new Map<string, PoolUsage>());
}

/** A pool's counters, started afresh (a reopened database counts from zero). */
export function newPoolUsage(name: string, max: number, open = 0): PoolUsage {
  const usage = { max, open, inFlight: 0 };
  poolUsages().set(name, usage);
  return usage;
}

/** A postgres-js socket factory that keeps `usage.open` at the number of connected sockets. */
type SocketFactory<O> = (options: O) => net.Socket | Promise<net.Socket>;

export function countingSockets<O>(usage: PoolUsage, connect: SocketFactory<O>): SocketFactory<O> {
  const count = (socket: net.Socket) => {
    socket.once("connect", () => {
      usage.open++;
      socket.once("close", () => usage.open--);
    });
    return socket;
  };
  // A failover list's factory (database-target.ts) first asks which host is the primary: a promise.
  return (options) => {
    const socket = connect(options);
    return socket instanceof Promise ? socket.then(count) : count(socket);
  };
}

/**
 * The postgres-js client with its statements counted. A postgres-js query runs when first awaited (then),
 * so the count starts there, leaving Drizzle's `.values()` before it untouched.
 */
export function countingPostgres(client: Sql, usage: PoolUsage): Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (...args: Parameters<Sql["unsafe"]>) => countWhenAwaited(target.unsafe(...args), usage);
      }
      if (prop === "begin") {
        return (...args: unknown[]) => countUntilSettled((target.begin as (...a: unknown[]) => Promise<unknown>)(...args), usage);
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

/** The PGlite client with its statements counted (PGlite's own queue runs them one at a time). */
export function countingPglite(client: PgliteClient, usage: PoolUsage): PgliteClient {
  return {
    query: (...args) => countUntilSettled(client.query(...args), usage),
    exec: (...args) => countUntilSettled(client.exec(...args), usage),
    transaction: (...args) => countUntilSettled(client.transaction(...args), usage),
  } as PgliteClient;
}

function countUntilSettled<P extends Promise<unknown>>(promise: P, usage: PoolUsage): P {
  usage.inFlight++;
  const release = () => void usage.inFlight--;
  promise.then(release, release);
  return promise;
}

function countWhenAwaited<Q extends PromiseLike<unknown>>(query: Q, usage: PoolUsage): Q {
  const then = query.then;
  let counted = false;
  query.then = function (this: Q, onFulfilled?: ((v: unknown) => unknown) | null, onRejected?: ((e: unknown) => unknown) | null) {
    if (counted) return then.call(this, onFulfilled, onRejected);
    counted = true;
    usage.inFlight++;
    return then.call(
      this,
      (value) => {
        usage.inFlight--;
        return onFulfilled ? onFulfilled(value) : value;
      },
      (err) => {
        usage.inFlight--;
        if (onRejected) return onRejected(err);
        throw err;
      },
    );
  } as Q["then"];
  return query;
}
