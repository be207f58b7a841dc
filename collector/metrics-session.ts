import os from "node:os";
import path from "node:path";
import type { TrackingClient, WireRun, WireTag } from "./client.js";
import type { CollectorConfig } from "./config.js";
import { hostFactTags } from "./host-facts.js";
import { runSamplingLoop, type SamplingLoopResult } from "./loop.js";
import { nextStepAfter, systemMetricPrefix } from "./metric-names.js";
import { startSystemSampler, type SystemSampler } from "./samplers/system.js";
import { say } from "./say.js";
import { Shipper } from "./shipper.js";
import { Spool } from "./spool.js";

/** How long the collector keeps retrying to deliver the last points once the run has ended. */
export const FINAL_FLUSH_MS = 30_000;

/**
 * One run's system metrics from this machine: the spool (which may hold points a previous
 * collector could not send: they go first), the shipper that sends it, and the sampling loop.
 */
export class MetricsSession {
  private readonly spool: Spool;
  private readonly shipper: Shipper;
  private readonly prefix: string;
  private readonly firstStep: number;
  private readonly refused = new AbortController();
  private sampler: SystemSampler | undefined;
  private pointsLogged = 0;

  constructor(
    private readonly config: CollectorConfig,
    private readonly client: TrackingClient,
    private readonly run: WireRun,
  ) {
    this.prefix = systemMetricPrefix(config.nodeId);
    this.spool = new Spool(spoolFile(config.spoolDir, run.info.run_id, config.nodeId));
    this.firstStep = Math.max(nextStepAfter(run.data.metrics ?? [], this.prefix), (this.spool.maxPendingStep() ?? -1) + 1);
    this.shipper = new Shipper(client, run.info.run_id, this.spool, {
      onOutage: (err) => say(`cannot send to ${client.baseUrl} (${err.message}); keeping samples in ${this.spool.file} and retrying`),
      onRecovered: () => say("the tracking server answers again; sending the kept samples"),
      onRefused: (err) => {
        say(`the tracking server refused the metrics (${err.message}); monitoring stops`);
        this.refused.abort();
      },
    });
    this.shipper.kick();
  }

  get wasRefused(): boolean {
    return this.shipper.refused !== undefined;
  }

  /** Starts the samplers and logs the host facts; returns the GPU description for the status line. */
  async startSamplers(): Promise<string> {
    this.sampler = await startSystemSampler({
      allGpus: this.config.allGpus,
      cudaVisibleDevices: this.config.cudaVisibleDevices,
      intervalMs: this.config.intervalMs,
    });
    this.logTags(await hostFactTags(this.config.nodeId, this.sampler.gpu.gpus));
    return this.sampler.gpu.description;
  }

  logTags(tags: WireTag[]): void {
    this.spool.append({ tags });
    this.shipper.kick();
  }

  statusLine(gpus: string): string {
    const { run_id: runId, experiment_id: experimentId } = this.run.info;
    const seconds = this.config.intervalMs / 1000;
    const logging = this.config.samplesBeforeLogging === 1 ? "" : `, logged as the mean of ${this.config.samplesBeforeLogging}`;
    return `run ${runId} (${this.client.runUrl(experimentId, runId)}) · sampling every ${seconds} s${logging} · GPUs: ${gpus} · spool: ${this.spool.file}`;
  }

  /** Samples until `signal`, the run leaving RUNNING (when watched), or the server refusing the metrics. */
  async sample(signal: AbortSignal, options: { watchRunStatus: boolean }): Promise<SamplingLoopResult> {
    const result = await runSamplingLoop({
      sample: () => this.sampler!.sample(),
      intervalMs: this.config.intervalMs,
      samplesBeforeLogging: this.config.samplesBeforeLogging,
      firstStep: this.firstStep,
      signal: AbortSignal.any([signal, this.refused.signal]),
      isRunStillRunning: options.watchRunStatus ? () => this.isRunStillRunning() : undefined,
      onPoint: (point) => {
        const metrics = Object.entries(point.values).map(([name, value]) => ({
          key: this.prefix + name,
          value,
          timestamp: point.timestamp,
          step: point.step,
        }));
        this.spool.append({ metrics });
        this.shipper.kick();
      },
    });
    this.pointsLogged += result.points;
    return result;
  }

  private async isRunStillRunning(): Promise<boolean> {
    const run = await this.client.getRun(this.run.info.run_id);
    this.shipper.serverAnswered();
    return run.info.status === "RUNNING";
  }

  /** Sends what is left (retrying until `deadline`), stops the samplers, and says what happened. */
  async close(deadline: number, why: string): Promise<void> {
    this.sampler?.stop();
    const allSent = await this.shipper.flush(deadline);
    const runId = this.run.info.run_id;
    const left = allSent ? "" : `; ${this.spool.pendingEntries()} writes kept in ${this.spool.file} for the next collector attached to this run`;
    say(`stopped (${why}): ${this.pointsLogged} ${this.pointsLogged === 1 ? "point" : "points"} logged to run ${runId}${left}`);
  }
}

/**
 * One spool file per run, machine and node id, so that collectors sharing a home directory over
 * NFS, or several nodes of one run, never write into the same file.
 */
export function spoolFile(spoolDir: string, runId: string, nodeId: string | undefined): string {
  return path.join(spoolDir, `${runId}${nodeId ? `.${nodeId}` : ""}.${os.hostname()}.jsonl`);
}
