import { isUtf8 } from "node:buffer";
import { invalidParameter, type MlflowError } from "../../services/errors";

// JSON is UTF-8 (RFC 8259). A lenient decoder would store U+FFFD where the client sent other
// bytes, silently changing names and values: such a body is refused instead, at every edge.

const decoder = new TextDecoder();

/** The body's text, or INVALID_PARAMETER_VALUE when its bytes are not valid UTF-8. */
export function decodeUtf8Body(bytes: Uint8Array): string {
  if (!isUtf8(bytes)) throw invalidUtf8Body();
  return decoder.decode(bytes);
}

export function invalidUtf8Body(): MlflowError {
  return invalidParameter("Invalid request body: it is not valid UTF-8.");
}
