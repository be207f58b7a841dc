import { parseAsString } from "nuqs";

/** The chart settings' URL state, on every page with charts (chart-settings.ts reads the values). */
export const chartParams = {
  cx: parseAsString.withDefault("step"),
  cs: parseAsString.withDefault(""),
  clog: parseAsString.withDefault(""),
  cout: parseAsString.withDefault(""),
  cz: parseAsString.withDefault(""),
  ck: parseAsString.withDefault(""),
};
