import type { ApiTokenRow } from "../../repositories/api-tokens-repository";

/** A token as lists show it: never the secret. */
export function toTokenView(row: ApiTokenRow) {
  return {
    id: row.id,
    name: row.name,
    displayPrefix: row.displayPrefix,
    creationTime: row.creationTime,
    lastUsedTime: row.lastUsedTime,
    revokedTime: row.revokedTime,
  };
}

export type ApiTokenView = ReturnType<typeof toTokenView>;
