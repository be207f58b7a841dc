import { z } from "zod";
import { findExperimentNames } from "../../repositories/experiments-repository";
import { defineVerb } from "../verb";
import { loadRuns } from "./load-run";
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
    const runs = await loadRuns(ctx.db, ids);
    const found = new Set(runs.map((r) => r.info.runId));
    const experimentIds = [...new Set(runs.map((r) => r.info.experimentId))];
    const names = new Map((await findExperimentNames(ctx.db, experimentIds.map(Number))).map((e) => [String(e.experimentId), e.name]));
    return {
      runs,
      experiments: experimentIds.flatMap((id) => (names.has(id) ? [{ experimentId: id, name: names.get(id)! }] : [])),
      missingRunIds: ids.filter((id) => !found.has(id)),
    };
  },
);
