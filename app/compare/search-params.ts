import { parseAsString } from "nuqs";

/** The compare page's URL state: the runs, the tab, the diff's base and filter, the plots' axes. */
export const compareParams = {
  runs: parseAsString.withDefault(""),
  view: parseAsString.withDefault("diff"),
  base: parseAsString.withDefault(""),
  diff: parseAsString.withDefault(""),
  axes: parseAsString.withDefault(""),
  sx: parseAsString.withDefault(""),
  sy: parseAsString.withDefault(""),
  slx: parseAsString.withDefault(""),
  sly: parseAsString.withDefault(""),
};
