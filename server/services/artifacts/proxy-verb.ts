import type { z } from "zod";
import type { ConfigContext } from "../context";
import { defineVerb, type Verb } from "../verb";

/** A verb of the artifact proxy: it sees the configuration only, never the database. */
export function defineProxyVerb<S extends z.ZodType, R>(
  input: S,
  run: (args: { ctx: ConfigContext; input: z.output<S> }) => Promise<R>,
): Verb<S, R, ConfigContext> {
  return defineVerb<S, R, ConfigContext>(input, run);
}
