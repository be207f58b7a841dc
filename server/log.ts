import "server-only";
import pino from "pino";
import { getConfig } from "./env";
import { capLoggedValue } from "./log-caps";
import { processSingleton } from "./process-singleton";


/** The server's one logger (JSON lines on stdout, as pino writes them). */
export function log(): pino.Logger {
  return processSingleton("log", () => createLogger(getConfig().logLevel));
}

/**
 * A logger whose lines stay short whatever a request carried: every logged string (messages,
 * fields, an error's message and stack, its causes) is cut to a bounded length.
 */
export function createLogger(level: pino.LevelWithSilent, destination?: pino.DestinationStream): pino.Logger {
  return pino(
    {
      name: "metron",
      level,
      formatters: { log: (fields) => capLoggedValue(fields) as Record<string, unknown> },
      serializers: { err: (err) => capLoggedValue({ ...pino.stdSerializers.err(err) }) },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === "string" ? capLoggedValue(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}
