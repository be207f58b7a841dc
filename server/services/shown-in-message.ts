/**
 * The most of a client's value an error message (or a log line) repeats. MLflow shows at most a
 * key's length (250) of a value it refuses; a 10 MB input must not come back as a 10 MB error.
 */
export const MAX_SHOWN_CHARACTERS = 250;

/** A value as a message may quote it: cut to `max` characters, ending in "..." when cut (MLflow's _truncate_and_ellipsize). */
export function shownInMessage(value: string, max = MAX_SHOWN_CHARACTERS): string {
  return value.length > max ? `${value.slice(0, max - 3)}...` : value;
}
