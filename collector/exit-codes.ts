/**
 * The collector's exit codes (also listed in `--help`). In wrap mode, once the command has started,
 * the collector exits with the command's own code instead (128 + N when a signal N ended it).
 */
export const EXIT_CODES = {
  ok: 0,
  /** An unexpected error, or the server refused the metrics for good (e.g. the run was deleted). */
  failed: 1,
  /** Bad arguments or environment. */
  usage: 2,
  /** The tracking URI is not a usable http(s) URL, or nothing answers there. */
  serverUnusable: 3,
  /** The run (or the experiment) does not exist or is deleted. */
  notFound: 4,
  /** The server rejected the credentials (HTTP 401 or 403). */
  credentialsRejected: 5,
  /** Wrap mode: the command could not be started (as a shell would). */
  commandNotFound: 127,
} as const;

/** A one-line message for the user and the code the collector exits with. */
export class CollectorExit extends Error {
  constructor(
    readonly exitCode: number,
    message: string,
  ) {
    super(message);
    this.name = "CollectorExit";
  }
}
