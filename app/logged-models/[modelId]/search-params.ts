import { parseAsString } from "nuqs";

/** The logged model page's URL state: the tab and the artifact shown. */
export const loggedModelParams = {
  tab: parseAsString.withDefault("overview"),
  artifact: parseAsString.withDefault(""),
};
