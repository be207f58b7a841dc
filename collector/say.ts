/** The collector's own messages go to stderr, one line each, so a wrapped command's stdout stays its own. */
export function say(message: string): void {
  process.stderr.write(`metron-collector: ${message}\n`);
}
