import type { PGlite } from "@electric-sql/pglite";
import { DatabaseUnavailableError } from "./unavailable";

/** What Drizzle calls on a PGlite client (see drizzle-orm/pglite): all we forward. */
export type PgliteClient = Pick<PGlite, "query" | "exec" | "transaction">;

interface PgliteInternals {
  mod: { _PostgresMainLoopOnce(): void };
  /** The status of the exception PostgreSQL's ereport(ERROR) throws to unwind to the main loop. */
  POSTGRES_MAIN_LONGJMP: number;
  execProtocolRawSync(message: Uint8Array): Uint8Array;
}

/**
 * PGlite recurses on the JS stack; a RangeError there is swallowed by its protocol loop, the query answers
 * no rows and the next ERROR loops forever (100% CPU, SIGTERM blocked). So on any such foreign exception
 * we fail that query and every later one on this instance, and report the instance broken.
 */
function guardPglite(client: PGlite, onBroken: (cause: unknown) => void): void {
  const internals = client as unknown as PgliteInternals;
  const { mod } = internals;
  let broken: DatabaseUnavailableError | undefined;
  const loopOnce = mod._PostgresMainLoopOnce;
  mod._PostgresMainLoopOnce = () => {
    try {
      loopOnce();
    } catch (err) {
      if ((err as { status?: unknown } | null)?.status !== internals.POSTGRES_MAIN_LONGJMP && !broken) {
        broken = new DatabaseUnavailableError(
          "The embedded database failed on a query too large for it and is being reopened; retry the request.",
          { cause: err },
        );
        onBroken(err);
      }
      throw err;
    }
  };
  const execProtocolRawSync = internals.execProtocolRawSync.bind(client);
  internals.execProtocolRawSync = (message) => {
    if (broken) throw broken;
    const reply = execProtocolRawSync(message);
    if (broken) throw broken;
    return reply;
  };
}

/**
 * A PGlite client that survives a broken instance: the guard fails what was in flight on it with
 * 503, and later calls wait for a fresh instance on the same data folder (PostgreSQL's crash
 * recovery replays the committed writes; the broken instance is never called again).
 */
export async function openReopeningPglite(
  open: () => Promise<PGlite>,
  onReopen: (event: { cause?: unknown; error?: unknown }) => void,
): Promise<{ client: PgliteClient; close(): Promise<void> }> {
  const guarded = async () => {
    const client = await open();
    guardPglite(client, (cause) => {
      onReopen({ cause });
      // Not from inside the WebAssembly call that noticed it.
      current = new Promise((resolve) => setImmediate(resolve)).then(guarded);
      current.catch((error) => onReopen({ error }));
    });
    return client;
  };
  let current = guarded();
  await current;
  const client: PgliteClient = {
    query: async (...args: Parameters<PGlite["query"]>) => (await current).query(...args),
    exec: async (...args: Parameters<PGlite["exec"]>) => (await current).exec(...args),
    transaction: async (...args: Parameters<PGlite["transaction"]>) => (await current).transaction(...args),
  } as PgliteClient;
  return { client, close: async () => (await current).close() };
}
