import net from "node:net";
import { findErrorCode } from "./cause-chain";

// PostgreSQL out of reach — refused, reset, timed out, restarting, its backends terminated — is a
// temporary state, not a server fault: the edges answer 503 TEMPORARILY_UNAVAILABLE, which MLflow
// clients retry, and the pool reconnects within a second of the database coming back.

/** Errors of the network or of postgres-js itself meaning "no usable connection". */
const CONNECTION_ERROR_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECTION_ENDED",
]);

/**
 * SQLSTATEs of a server going away or not taking connections: class 08 (connection exception),
 * 57P01–57P03 (terminated by an administrator, crash, starting up or shutting down), 53300
 * (too many connections), and 25006 (read_only_sql_transaction): our sessions never ask for read-only
 * transactions, so a write refused as read-only means the node stopped being the primary (a failover).
 */
function isUnavailableSqlState(code: string): boolean {
  return code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03" || code === "53300" || code === "25006";
}

/** True when `err` (possibly wrapped by Drizzle, or an AggregateError of several addresses) says the database cannot be reached. */
export function isDatabaseUnreachable(err: unknown): boolean {
  return findErrorCode(err, (code) => CONNECTION_ERROR_CODES.has(code) || isUnavailableSqlState(code)) !== undefined;
}

/** Codes of a connection that was open and then closed under a statement (not of failing to connect). */
const CLOSED_CONNECTION_CODES = new Set(["57P01", "57P02", "CONNECTION_CLOSED", "CONNECTION_ENDED", "CONNECTION_DESTROYED", "ECONNRESET", "EPIPE"]);

/**
 * True when `err` says a pooled connection had been closed by the database (terminated backends, a
 * restart): a fresh connection may well work at once, whereas a refused or timed-out connect would not.
 */
export function isClosedConnection(err: unknown): boolean {
  return findErrorCode(err, (code) => CLOSED_CONNECTION_CODES.has(code)) !== undefined;
}

/**
 * Runs read-only `work` once more when its first try met a pooled connection the database had closed
 * (terminated backends, a restart) before the pool noticed: the second try takes a fresh connection.
 */
export async function retryOnClosedConnection<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (!isClosedConnection(err)) throw err;
    return work();
  }
}

/**
 * postgres-js pool options for an unreliable network: its defaults wait 30 s for a connection, keep idle
 * ones for ever (a silently dead one fails a request hours later) and back off up to 20 s, so requests kept
 * failing for seconds after the database was back.
 */
export function reconnectingPoolOptions(connectTimeoutSeconds: number) {
  return {
    connect_timeout: connectTimeoutSeconds,
    /** Seconds: idle connections are closed before a restart or a firewall can kill them silently. */
    idle_timeout: 60,
    keep_alive: 15,
    /** Seconds before reconnecting after a failed attempt: short, so recovery is near-immediate. */
    backoff: (retries: number) => Math.min(0.05 * 2 ** retries, 0.5),
    socket: (o: { host: string[]; port: number[]; path?: string | false }) =>
      reportingCloseWithoutError(o.path ? net.connect(o.path) : net.connect(o.port[0], o.host[0])),
  };
}

/**
 * A pool's socket, reporting every close as one without error: postgres-js rejects in-flight queries
 * only then, and a query written between a reset and its "close" otherwise hung for good. Now it fails
 * fast and the edge answers 503.
 */
export function reportingCloseWithoutError(socket: net.Socket): net.Socket {
  const emit = socket.emit.bind(socket);
  socket.emit = ((event: string | symbol, ...args: unknown[]) => (event === "close" ? emit("close", false) : emit(event, ...args))) as typeof socket.emit;
  return socket;
}
