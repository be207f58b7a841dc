import { parseAsString } from "nuqs";

/** The experiment page's URL state beyond the runs table's view (use-view-state.ts): table or charts. */
export const experimentParams = {
  display: parseAsString.withDefault("table"),
};
