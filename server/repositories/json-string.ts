import { sql, type SQL } from "drizzle-orm";

// The characters to_json(text) escapes, exactly those JSON.stringify escapes: ", \ and the controls
// (PostgreSQL text holds no NUL). Checked over every code point against to_json (json-string.int.test.ts).
const NEEDS_ESCAPE = sql.raw(String.raw`'[\x01-\x1f"\\]'`);

/**
 * Text columns as JSON strings inside `template` (e.g. `{"key":${0},"value":${1}}`), byte for byte as
 * to_json writes them. to_json looks up its argument's type on every call (~40% of a 1000-run page's params
 * statement); strings with nothing to escape, nearly all, are quoted as they are, found by ONE regex test.
 */
export function jsonStrings(columns: SQL[], write: (strings: SQL[]) => SQL): SQL {
  const quoted = columns.map((c) => sql`'"' || ${c} || '"'`);
  const escaped = columns.map((c) => sql`to_json(${c})::text`);
  return sql`case when (${sql.join(columns, sql` || `)}) ~ ${NEEDS_ESCAPE} then ${write(escaped)} else ${write(quoted)} end`;
}
