import type { KeyValue, LoggedModelStatus } from "../schemas";
import type { Metric } from "../runs/types";

export interface LoggedModelInfo {
  modelId: string;
  experimentId: string;
  name: string;
  creationTimestampMs: number;
  lastUpdatedTimestampMs: number;
  artifactUri: string;
  status: LoggedModelStatus;
  modelType?: string;
  sourceRunId?: string;
  statusMessage?: string;
  tags: KeyValue[];
}

/** MLflow's LoggedModel: tags sit in `info`, params and metrics in `data`. */
export interface LoggedModel {
  info: LoggedModelInfo;
  data: { params: KeyValue[]; metrics: Metric[] };
}

/** The integers MLflow stores in logged_models.status. */
export const STATUS_CODES: Record<LoggedModelStatus, number> = {
  LOGGED_MODEL_PENDING: 1,
  LOGGED_MODEL_READY: 2,
  LOGGED_MODEL_UPLOAD_FAILED: 3,
};

export const statusOfCode = (code: number): LoggedModelStatus =>
  (Object.keys(STATUS_CODES) as LoggedModelStatus[]).find((s) => STATUS_CODES[s] === code) ?? "LOGGED_MODEL_PENDING";

/** `m-` and 32 hex digits, as MLflow names its models. */
export const MODEL_ID_PREFIX = "m-";
