import { parseAsString } from "nuqs";

/** The run page's URL state: the tab, the searches over params and metrics, the artifact shown. */
export const runPageParams = {
  tab: parseAsString.withDefault("overview"),
  params: parseAsString.withDefault(""),
  metrics: parseAsString.withDefault(""),
  artifact: parseAsString.withDefault(""),
};
