/** A command line as a POSIX shell would read it back: arguments with special characters single-quoted. */
export function quoteCommandLine(args: string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`)).join(" ");
}

/** The code a shell reports for a process ended by `signal`: 128 + its number. */
export function exitCodeForSignal(signal: NodeJS.Signals, signalNumbers: Record<string, number>): number {
  return 128 + (signalNumbers[signal] ?? 0);
}
