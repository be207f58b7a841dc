import { parseAsString } from "nuqs";

/** The run page's URL state: the tab, the searches over params and metrics, the artifact shown, the System tab's training metric. */
export const runPageParams = {
  tab: parseAsString.withDefault("overview"),
  params: parseAsString.withDefault(""),
  metrics: parseAsString.withDefault(""),
  artifact: parseAsString.withDefault(""),
  /** The System tab's training chart (a metric key). */
  sk: parseAsString.withDefault(""),
};
