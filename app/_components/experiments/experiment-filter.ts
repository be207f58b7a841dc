// The list's search box speaks the experiments search grammar: a filter such as
// `tags.team = 'vision'` or `name LIKE 'bert-%'` is sent as typed; any other text searches names.

const FILTER_START =
  /^\s*(?:(?:attr(?:ibutes?)?\.)?(?:name|creation_time|last_update_time)|tags?\.(?:`[^`]+`|\S+?))\s*(?:=|!=|<>|<=|>=|<|>|\bnot\s+i?like\b|\bi?like\b|\bis\b|\bin\b)/i;

/** The filter for what was typed in the search box; undefined searches everything. */
export function toExperimentFilter(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === "") return undefined;
  if (FILTER_START.test(trimmed)) return trimmed;
  // A doubled quote is a literal quote in the grammar; % and _ keep their LIKE meaning.
  return `name ILIKE '%${trimmed.replaceAll("'", "''")}%'`;
}
