import { invalidParameter } from "../services/errors";

/** Opaque page tokens: base64 of a small JSON object. Clients only echo them back. */
export function encodePageToken(state: { offset: number }): string {
  return Buffer.from(JSON.stringify(state)).toString("base64");
}

export function decodePageToken(token: string | undefined): { offset: number } {
  if (!token) return { offset: 0 };
  try {
    const state = JSON.parse(Buffer.from(token, "base64").toString("utf8")) as { offset?: unknown };
    if (typeof state.offset === "number" && Number.isSafeInteger(state.offset) && state.offset >= 0) {
      return { offset: state.offset };
    }
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(`Invalid page token '${token}'. Page tokens must come from a previous response.`);
}
