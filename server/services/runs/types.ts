import type { ModelMetricPoint } from "../../repositories/logged-models-repository";
import type { KeyValue, RunStatus } from "../schemas";

export interface RunInfo {
  runId: string;
  /** MLflow's deprecated alias of run_id; its clients still read it, so it is always sent. */
  runUuid: string;
  runName: string;
  experimentId: string;
  userId: string;
  status: RunStatus;
  startTime: number;
  endTime?: number;
  artifactUri: string;
  lifecycleStage: "active" | "deleted";
}

/** A run's metric point: the fields a model's point has, its model optional, plus its run. */
export interface Metric extends Omit<ModelMetricPoint, "modelId"> {
  modelId?: string;
  runId?: string;
}

export interface DatasetInput {
  tags: KeyValue[];
  dataset: { name: string; digest: string; sourceType: string; source: string; schema?: string; profile?: string };
}

/** A logged model the run used (MLflow 3 ModelInput). */
export interface ModelInput {
  modelId: string;
}

/** A logged model the run produced, at a training step (MLflow 3 ModelOutput): its checkpoints. */
export interface ModelOutput {
  modelId: string;
  step: number;
}

export interface Run {
  info: RunInfo;
  data: { metrics: Metric[]; params: KeyValue[]; tags: KeyValue[] };
  inputs: { datasetInputs: DatasetInput[]; modelInputs: ModelInput[] };
  outputs: { modelOutputs: ModelOutput[] };
}

export const RUN_NAME_TAG = "mlflow.runName";
