import "server-only";
import pino from "pino";
import { getConfig } from "./env";

const cache = globalThis as { __metronLog?: pino.Logger };

/** The server's one logger (JSON lines on stdout, as pino writes them). */
export function log(): pino.Logger {
  cache.__metronLog ??= pino({ name: "metron", level: getConfig().logLevel });
  return cache.__metronLog;
}
