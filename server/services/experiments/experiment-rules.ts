import { parseArtifactUri } from "../../artifacts/artifact-uri";
import { invalidParameter } from "../errors";
import { shownInMessage } from "../shown-in-message";
import type { KeyValue } from "../schemas";
import { LIMITS, validateKey } from "../validation";

export function validateExperimentName(name: string): void {
  if (name.length > LIMITS.experimentNameLength) {
    throw invalidParameter(
      `Experiment name exceeds the maximum length of ${LIMITS.experimentNameLength} characters.`,
    );
  }
}

export function validateArtifactLocation(location: string): void {
  if (location.length > LIMITS.artifactLocationLength) {
    throw invalidParameter(
      `Invalid artifact location: length ${location.length} exceeds the maximum of ${LIMITS.artifactLocationLength}.`,
    );
  }
  if (location.startsWith("runs:")) {
    throw invalidParameter(`Artifact location cannot be a runs:/ URI. Given: '${shownInMessage(location)}'`);
  }
  if (/[?#]/.test(location)) {
    throw invalidParameter(`Artifact location must not contain query parameters or a fragment. Given: '${shownInMessage(location)}'`);
  }
  // Runs and logged models are stored below it, and their files read through the same parse.
  parseArtifactUri(location, "Invalid artifact location");
}

export function validateExperimentTag(tag: KeyValue): void {
  validateKey("tag", tag.key);
  if (tag.value.length > LIMITS.experimentTagValueLength) {
    throw invalidParameter(
      `Experiment tag value for key '${tag.key}' exceeds the maximum length of ${LIMITS.experimentTagValueLength} characters.`,
    );
  }
}
