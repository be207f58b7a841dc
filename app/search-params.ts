import { parseAsString } from "nuqs";

/** The experiment list's URL state (`/`): the search text and whether deleted experiments show. */
export const experimentListParams = {
  q: parseAsString.withDefault(""),
  deleted: parseAsString.withDefault(""),
};
