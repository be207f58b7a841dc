import { parseAsString } from "nuqs";

/** The registered models list's URL state: the search box. */
export const modelsParams = {
  q: parseAsString.withDefault(""),
};
