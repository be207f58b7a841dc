import type { Credentials } from "./client.js";

/** What both modes need, resolved from flags, then MLflow's environment variables, then defaults. */
export interface CollectorConfig {
  trackingUri: string;
  credentials: Credentials;
  intervalMs: number;
  samplesBeforeLogging: number;
  nodeId?: string;
  allGpus: boolean;
  cudaVisibleDevices?: string;
  spoolDir: string;
}

/** Attach mode: monitor a run someone else created, until it leaves RUNNING. */
export interface AttachConfig extends CollectorConfig {
  runId: string;
}

/** Wrap mode: create a run, run the command in it, end the run with the command's outcome. */
export interface WrapConfig extends CollectorConfig {
  experimentId?: string;
  experimentName?: string;
  runName?: string;
  command: string[];
}
