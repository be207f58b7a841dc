import { invalidParameter } from "../errors";

const DURATION = /^(?:(\d+(?:\.\d+)?)d)?(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m)?(?:(\d+(?:\.\d+)?)s)?$/;
const UNIT_MS = [86_400_000, 3_600_000, 60_000, 1000];

/** `mlflow gc --older-than` durations: #d#h#m#s, each part optional, decimals allowed (1.5d, 2h30m). */
export function parseOlderThan(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match || match.slice(1).every((part) => part === undefined)) {
    throw invalidParameter(`Invalid --older-than '${text}': use #d#h#m#s, e.g. 30d, 1d2h3m4s or 1.5h.`);
  }
  return Math.round(match.slice(1).reduce((ms, part, i) => ms + (part === undefined ? 0 : Number(part) * UNIT_MS[i]), 0));
}
