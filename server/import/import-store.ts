import type { ServiceContext } from "../services/context";
import { countImported } from "../repositories/import-repository";
import { addExperimentArtifactBytes, findExperimentArtifactBytes } from "../repositories/quota-repository";
import { quotaExceeded } from "../services/quotas/quota-errors";
import { copyArtifacts, emptyTally, type ArtifactTally } from "./copy-artifacts";
import { ImportError } from "./import-error";
import { importLoggedModel, importRegisteredModel, type UriMoves } from "./import-models";
import { importRun } from "./import-run";
import { experimentLimits, type ExperimentLimits } from "../services/quotas/experiment-limits";
import type { EntityCounts, MlflowSource, SourceLoggedModel, SourceRun } from "./model";
import { placeExperiment } from "./place-experiment";
import type { Progress } from "./progress";

export interface ImportOptions {
  /** Only these experiments (by name); all when absent. */
  experiments?: string[];
  /** Read and count everything, write nothing. */
  dryRun?: boolean;
  skipArtifacts?: boolean;
}

export interface ImportSummary {
  source: EntityCounts;
  /** What Metron holds for the imported experiments and models (undefined on a dry run). */
  metron?: EntityCounts;
  artifacts: ArtifactTally;
}

interface ArtifactJob {
  label: string;
  open: () => ReturnType<MlflowSource["runArtifacts"]>;
  destination: string;
  /** The experiment whose artifact-bytes quota pays for the copy. */
  experiment: { id: number; limits: ExperimentLimits };
}

/** The whole import, phase after phase: experiments, runs (with their history), logged models, registry, artifacts. */
export async function importStore(ctx: ServiceContext, source: MlflowSource, options: ImportOptions, progress: Progress): Promise<ImportSummary> {
  const write = !options.dryRun;
  const counts: EntityCounts = { experiments: 0, runs: 0, params: 0, tags: 0, metricPoints: 0, datasetInputs: 0, loggedModels: 0, registeredModels: 0, modelVersions: 0 };
  const experiments = selectExperiments(await source.experiments(), options.experiments);

  const placed = new Map<string, { id: number; artifactLocation: string; limits: ExperimentLimits }>();
  const bar = progress.phase("experiments", experiments.length, { items: "experiments" });
  for (const e of experiments) {
    counts.experiments += 1;
    if (write) {
      const row = await placeExperiment(ctx.db, e, ctx.config.defaultArtifactRoot);
      const limits = await experimentLimits(ctx.db, ctx.config.quotas, row.experimentId);
      placed.set(e.experimentId, { id: row.experimentId, artifactLocation: row.artifactLocation, limits });
    }
    bar.advance(1);
  }
  bar.end();

  const moves: UriMoves = new Map();
  const artifactJobs: ArtifactJob[] = [];
  const importedRuns = new Set<string>();
  const runBar = progress.phase("runs + metrics", undefined, { items: "runs", points: "points" });
  for (const e of experiments) {
    for await (const run of source.runs(e.experimentId)) {
      counts.runs += 1;
      counts.params += run.params.length;
      counts.tags += run.tags.length;
      counts.datasetInputs += run.datasetInputs.length;
      importedRuns.add(run.runId);
      if (!write) {
        const n = [...(await source.metricCounts(run.runId)).values()].reduce((a, b) => a + b, 0);
        counts.metricPoints += n;
        runBar.advance(1, n);
        continue;
      }
      const target = placed.get(e.experimentId)!;
      const artifactUri = `${target.artifactLocation}/${run.runId}/artifacts`;
      const result = await importRun(ctx.db, ctx.dbKind, source, run, { experimentId: target.id, artifactUri, limits: target.limits }, (n) => runBar.advance(0, n));
      counts.metricPoints += result.sourcePoints;
      if (run.artifactUri) moves.set(run.artifactUri, artifactUri);
      artifactJobs.push({ ...runArtifactJob(source, run, artifactUri), experiment: target });
      runBar.advance(1);
    }
  }
  runBar.end();

  const modelBar = progress.phase("logged models", undefined, { items: "models" });
  for (const e of experiments) {
    for await (const model of source.loggedModels(e.experimentId)) {
      counts.loggedModels += 1;
      if (write) {
        const target = placed.get(e.experimentId)!;
        const location = `${target.artifactLocation}/models/${model.modelId}/artifacts`;
        await importLoggedModel(ctx.db, model, target.id, location);
        moves.set(model.artifactLocation, location);
        artifactJobs.push({ ...modelArtifactJob(source, model, location), experiment: target });
      }
      modelBar.advance(1);
    }
  }
  modelBar.end();

  const registryBar = progress.phase("model registry", undefined, { items: "models", points: "versions" });
  const modelNames: string[] = [];
  for await (const model of source.registeredModels()) {
    if (options.experiments && !model.versions.some((v) => v.runId && importedRuns.has(v.runId))) continue;
    counts.registeredModels += 1;
    counts.modelVersions += model.versions.length;
    modelNames.push(model.name);
    if (write) await importRegisteredModel(ctx.db, model, moves);
    registryBar.advance(1, model.versions.length);
  }
  registryBar.end();

  const artifacts = emptyTally();
  if (!options.skipArtifacts && write) {
    const fileBar = progress.phase("artifacts", artifactJobs.length, { items: "roots", points: "bytes" });
    for (const job of artifactJobs) {
      const reserve = (bytes: number) => reserveArtifactBytes(ctx, job.experiment.id, job.experiment.limits.maxArtifactBytes, bytes);
      await copyArtifacts(job.open(), job.destination, ctx.config, artifacts, (bytes) => fileBar.advance(0, bytes), reserve);
      fileBar.advance(1);
    }
    fileBar.end();
  }

  const metron = write ? await countImported(ctx.db, [...placed.values()].map((p) => p.id), modelNames) : undefined;
  return { source: counts, metron, artifacts };
}

function selectExperiments<T extends { name: string }>(all: T[], names: string[] | undefined): T[] {
  if (!names) return all;
  const missing = names.filter((n) => !all.some((e) => e.name === n));
  if (missing.length > 0) throw new ImportError(`the source has no experiment named ${missing.map((n) => `'${n}'`).join(", ")}`);
  return all.filter((e) => names.includes(e.name));
}

/** Counts an artifact copy against the experiment's artifact-bytes quota, as an upload through the proxy is. */
async function reserveArtifactBytes(ctx: ServiceContext, experimentId: number, limit: number | undefined, bytes: number): Promise<void> {
  if ((await addExperimentArtifactBytes(ctx.db, experimentId, bytes, limit)) !== null) return;
  const used = await findExperimentArtifactBytes(ctx.db, experimentId);
  throw quotaExceeded("artifact bytes", limit!, used + bytes, `experiment ${experimentId}`);
}

function runArtifactJob(source: MlflowSource, run: SourceRun, destination: string): Omit<ArtifactJob, "experiment"> {
  // Only what the reader needs: jobs wait until every run is in, and params or tags would pile up.
  const slim: SourceRun = { ...run, params: [], tags: [], datasetInputs: [], modelInputs: [], modelOutputs: [] };
  return { label: `run ${run.runId}`, open: () => source.runArtifacts(slim), destination };
}

function modelArtifactJob(source: MlflowSource, model: SourceLoggedModel, destination: string): Omit<ArtifactJob, "experiment"> {
  const slim: SourceLoggedModel = { ...model, params: [], tags: [], metrics: [] };
  return { label: `model ${model.modelId}`, open: () => source.modelArtifacts(slim), destination };
}
