import type { KeyValue } from "../schemas";

export type LifecycleStage = "active" | "deleted";

export interface Experiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: LifecycleStage;
  creationTime: number;
  lastUpdateTime: number;
  tags: KeyValue[];
}

export const DEFAULT_EXPERIMENT_ID = "0";
export const DEFAULT_EXPERIMENT_NAME = "Default";

/** `<root>/<id>`, as MLflow derives an experiment's artifact location from the server's root. */
export function defaultArtifactLocation(root: string, experimentId: string): string {
  return root.endsWith("/") ? `${root}${experimentId}` : `${root}/${experimentId}`;
}
