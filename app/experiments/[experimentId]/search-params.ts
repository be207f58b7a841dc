import { parseAsString } from "nuqs";

/**
 * The experiment page's URL state beyond the runs table's view (use-view-state.ts): the tab (runs or
 * logged models), table or charts, and the models tab's filter and order.
 */
export const experimentParams = {
  tab: parseAsString.withDefault("runs"),
  display: parseAsString.withDefault("table"),
  mf: parseAsString.withDefault(""),
  msort: parseAsString.withDefault(""),
};
