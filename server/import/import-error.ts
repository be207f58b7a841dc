/** A failure the user can act on (unreachable source, unknown schema, name clash): printed as is, no stack. */
export class ImportError extends Error {
  override name = "ImportError";
}
