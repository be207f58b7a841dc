import { z } from "zod";
import { resolveArtifactUri } from "../../artifacts/resolve-artifact-uri";
import {
  deleteExperimentsForGood,
  deleteRunsForGood,
  findExperimentsDeletedBefore,
  findRunsDeletedBefore,
  findRunsOfExperiments,
  type GcRun,
} from "../../repositories/gc-repository";
import type { Db } from "../../db/types";
import { addExperimentArtifactBytes, findExperimentArtifactBytes } from "../../repositories/quota-repository";
import { bytesUnder } from "../quotas/metered-artifacts";
import { defineVerb, inTransaction } from "../verb";

export interface GcSummary {
  runsDeleted: number;
  experimentsDeleted: number;
  /** Runs kept because their artifacts could not be deleted (deleting their rows would orphan the files). */
  runsFailed: number;
}

/**
 * `metron gc`, as `mlflow gc`: permanently deletes runs and experiments that have been in the
 * deleted stage for longer than `olderThanMs` — artifacts first, then every database row — and
 * reports each step through `report`. A deleted experiment takes all of its runs with it.
 */
export const collectGarbage = defineVerb(
  z.object({
    olderThanMs: z.number().int().min(0).default(0),
    dryRun: z.boolean().default(false),
    report: z.custom<(line: string) => void>((v) => typeof v === "function"),
  }),
  async ({ ctx, input }): Promise<GcSummary> => {
    const { report, dryRun } = input;
    const cutoff = ctx.now() - input.olderThanMs;
    const experiments = await findExperimentsDeletedBefore(ctx.db, cutoff);
    const runs = uniqueRuns([
      ...(await findRunsDeletedBefore(ctx.db, cutoff)),
      ...(await findRunsOfExperiments(ctx.db, experiments.map((e) => e.experimentId))),
    ]);
    report(
      `${dryRun ? "Would delete" : "Deleting"} ${plural(runs.length, "run")} and ${plural(experiments.length, "experiment")} ` +
        `deleted before ${new Date(cutoff).toISOString()}.`,
    );

    const failedExperiments = new Set<number>();
    let runsDeleted = 0;
    for (const [i, run] of runs.entries()) {
      const step = `[${i + 1}/${runs.length}] run ${run.runUuid} (experiment ${run.experimentId})`;
      if (dryRun) {
        report(`${step}: would delete its artifacts at ${run.artifactUri} and its rows`);
        continue;
      }
      try {
        const location = resolveArtifactUri(run.artifactUri, ctx.config);
        const freed = await meteredBytes(ctx.db, run, () => bytesUnder(location.store, location.root));
        await location.store.delete(location.root);
        if (freed > 0) await addExperimentArtifactBytes(ctx.db, run.experimentId, -freed, undefined);
        await inTransaction(ctx, (db) => deleteRunsForGood(db, [run.runUuid]));
        runsDeleted++;
        report(`${step}: deleted, with its artifacts at ${run.artifactUri}`);
      } catch (err) {
        failedExperiments.add(run.experimentId);
        report(`${step}: FAILED, run kept: ${(err as Error).message}`);
      }
    }

    let experimentsDeleted = 0;
    for (const [i, experiment] of experiments.entries()) {
      const step = `[${i + 1}/${experiments.length}] experiment ${experiment.experimentId} "${experiment.name}"`;
      if (dryRun) {
        report(`${step}: would delete it`);
      } else if (failedExperiments.has(experiment.experimentId)) {
        report(`${step}: kept, some of its runs could not be deleted`);
      } else {
        await inTransaction(ctx, (db) => deleteExperimentsForGood(db, [experiment.experimentId]));
        experimentsDeleted++;
        report(`${step}: deleted`);
      }
    }

    const runsFailed = dryRun ? 0 : runs.length - runsDeleted;
    report(
      dryRun
        ? "Dry run: nothing was deleted."
        : `Done: ${plural(runsDeleted, "run")} and ${plural(experimentsDeleted, "experiment")} permanently deleted` +
            (runsFailed ? `; ${plural(runsFailed, "run")} could not be deleted.` : "."),
    );
    return { runsDeleted, experimentsDeleted, runsFailed };
  },
);

/** Bytes a run's proxied artifacts count in its experiment's artifact quota (0 when nothing is counted). */
async function meteredBytes(db: Db, run: GcRun, measure: () => Promise<number>): Promise<number> {
  if (!run.artifactUri.startsWith("mlflow-artifacts:")) return 0; // stored by the client itself, never metered
  return (await findExperimentArtifactBytes(db, run.experimentId)) > 0 ? measure() : 0;
}

function uniqueRuns(runs: GcRun[]): GcRun[] {
  return [...new Map(runs.map((r) => [r.runUuid, r])).values()];
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}
