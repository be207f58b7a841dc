import type { Readable } from "node:stream";
import type { ImportedPoint } from "../repositories/import-metrics-repository";

// What an MLflow store holds, as every source reads it: MLflow's entities with plain JS values
// (epoch-ms numbers, NaN/±Infinity as numbers). Sources fill these; the writer copies them.

export interface KeyValue {
  key: string;
  value: string;
}

export interface SourceExperiment {
  experimentId: string;
  name: string;
  artifactLocation: string;
  lifecycleStage: string;
  creationTime: number | null;
  lastUpdateTime: number | null;
  tags: KeyValue[];
}

export interface SourceDataset {
  datasetUuid?: string;
  name: string;
  digest: string;
  sourceType: string;
  source: string;
  schema: string | null;
  profile: string | null;
}

export interface SourceDatasetInput {
  dataset: SourceDataset;
  tags: KeyValue[];
}

export interface SourceRun {
  runId: string;
  experimentId: string;
  name: string;
  userId: string;
  status: string;
  startTime: number | null;
  endTime: number | null;
  deletedTime: number | null;
  lifecycleStage: string;
  artifactUri: string;
  params: KeyValue[];
  tags: KeyValue[];
  datasetInputs: SourceDatasetInput[];
  /** Logged models the run used (inputs) and produced (outputs, with the step). */
  modelInputs: string[];
  modelOutputs: { modelId: string; step: number }[];
}

/** One point of a run's history, as the repository writes it (NaN and ±Infinity as JS numbers). */
export type SourcePoint = ImportedPoint;

export interface SourceModelMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
  runId: string;
  datasetName: string | null;
  datasetDigest: string | null;
}

export interface SourceLoggedModel {
  modelId: string;
  experimentId: string;
  name: string;
  artifactLocation: string;
  creationTimestampMs: number;
  lastUpdatedTimestampMs: number;
  /** MLflow's integer: 1 pending, 2 ready, 3 upload failed. */
  status: number;
  lifecycleStage: string;
  modelType: string | null;
  sourceRunId: string | null;
  statusMessage: string | null;
  params: KeyValue[];
  tags: KeyValue[];
  metrics: SourceModelMetric[];
}

export interface SourceModelVersion {
  version: number;
  creationTime: number | null;
  lastUpdatedTime: number | null;
  description: string | null;
  userId: string | null;
  currentStage: string;
  source: string | null;
  storageLocation: string | null;
  runId: string | null;
  runLink: string | null;
  status: string;
  statusMessage: string | null;
  modelId: string | null;
  tags: KeyValue[];
}

export interface SourceRegisteredModel {
  name: string;
  creationTime: number | null;
  lastUpdatedTime: number | null;
  description: string | null;
  tags: KeyValue[];
  aliases: { alias: string; version: number }[];
  versions: SourceModelVersion[];
}

/** A file under an artifact root, with its path relative to that root. */
export interface SourceArtifactFile {
  path: string;
  size: number;
}

/** Where a run's or a model's artifacts are read from. */
export interface ArtifactReader {
  /** Every file below the root, recursively; [] when the root does not exist. */
  listFiles(): AsyncIterable<SourceArtifactFile>;
  open(path: string): Promise<Readable>;
}

/** How many of each entity a source holds (for the verification table). */
export interface EntityCounts {
  experiments: number;
  runs: number;
  params: number;
  tags: number;
  metricPoints: number;
  datasetInputs: number;
  loggedModels: number;
  registeredModels: number;
  modelVersions: number;
}

export interface MlflowSource {
  /** For messages: "SQLite file /x/mlflow.db (schema 1b5f0d9ad7c1)". */
  readonly label: string;
  /**
   * True when the store itself cannot hold one point twice (MLflow's SQL primary key is Metron's),
   * so a new run's points may go in by COPY; a file store appends whatever it is sent.
   */
  readonly hasUniquePoints: boolean;
  experiments(): Promise<SourceExperiment[]>;
  runs(experimentId: string): AsyncIterable<SourceRun>;
  /** Points per metric key of a run, to tell what is already copied without reading the points. */
  metricCounts(runId: string): Promise<Map<string, number>>;
  /** The run's whole history in batches (each batch holds any mix of keys). */
  metricPoints(runId: string): AsyncIterable<SourcePoint[]>;
  loggedModels(experimentId: string): AsyncIterable<SourceLoggedModel>;
  registeredModels(): AsyncIterable<SourceRegisteredModel>;
  runArtifacts(run: SourceRun): ArtifactReader;
  modelArtifacts(model: SourceLoggedModel): ArtifactReader;
  close(): Promise<void>;
}

/** MLflow's SQL stores write ±Infinity as ±DBL_MAX (SQL has no infinity): read them back as logged. */
export function fromSqlMetricValue(value: number, isNan: boolean): number {
  if (isNan) return Number.NaN;
  if (value === Number.MAX_VALUE) return Number.POSITIVE_INFINITY;
  if (value === -Number.MAX_VALUE) return Number.NEGATIVE_INFINITY;
  return value;
}
