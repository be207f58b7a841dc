import { parseAsString } from "nuqs";

/** The checkpoint comparison's URL state: runs compared, the charted metric, the baseline, directions. */
export const checkpointsParams = {
  runs: parseAsString.withDefault(""),
  metric: parseAsString.withDefault(""),
  base: parseAsString.withDefault(""),
  dir: parseAsString.withDefault(""),
};
