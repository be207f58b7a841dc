import { z } from "zod";
import { findExperimentById } from "../../repositories/experiments-repository";
import { findRunsByIds } from "../../repositories/runs-repository";
import { defineVerb } from "../verb";
import { assembleRuns } from "./load-run";
import { runIdField } from "./run-input";

/** A comparison is read in one request; beyond this many runs a diff is no longer readable anyway. */
export const MAX_COMPARED_RUNS = 1000;

/**
 * The compare view's runs, from any experiments, in the order asked (duplicates once), with every
 * param, tag and latest metric, and the names of their experiments. Ids that name no run are listed
 * in `missingRunIds` instead of failing the whole view (a shared link may outlive a run).
 */
export const compareRuns = defineVerb(
  z.object({ runIds: z.array(runIdField).min(1).max(MAX_COMPARED_RUNS) }),
  async ({ ctx, input }) => {
    const ids = [...new Set(input.runIds)];
    const rows = await findRunsByIds(ctx.db, ids);
    const byId = new Map(rows.map((r) => [r.runUuid, r]));
    const ordered = ids.flatMap((id) => byId.get(id) ?? []);
    const experimentIds = [...new Set(ordered.map((r) => r.experimentId))];
    const [runs, experiments] = await Promise.all([
      assembleRuns(ctx.db, ordered),
      Promise.all(experimentIds.map((id) => findExperimentById(ctx.db, id))),
    ]);
    return {
      runs,
      experiments: experiments.flatMap((e) => (e ? [{ experimentId: String(e.experimentId), name: e.name }] : [])),
      missingRunIds: ids.filter((id) => !byId.has(id)),
    };
  },
);
