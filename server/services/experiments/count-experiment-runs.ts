import { z } from "zod";
import { countRunsByExperiment } from "../../repositories/experiment-stats-repository";
import { experimentIdList } from "../schemas";
import { parseExperimentId } from "../validation";
import { defineVerb } from "../verb";

/** At most this many experiments per request: one page of the experiment list. */
export const MAX_COUNTED_EXPERIMENTS = 1000;

export interface ExperimentRunCount {
  experimentId: string;
  activeRuns: number;
  deletedRuns: number;
  /** Start time of the experiment's newest run; absent when it has none. */
  lastRunStartTime?: number;
}

/**
 * Run counts for the experiment list, one entry per requested id in request order. Ids that name
 * no experiment count zero runs, as an experiment without runs does: the list asks only about
 * experiments it has just been given, and a concurrent delete must not fail the whole page.
 */
export const countExperimentRuns = defineVerb(
  z.object({ experimentIds: experimentIdList.pipe(z.array(z.string()).max(MAX_COUNTED_EXPERIMENTS)) }),
  async ({ ctx, input }): Promise<{ counts: ExperimentRunCount[] }> => {
    const ids = input.experimentIds.flatMap((id) => parseExperimentId(id) ?? []);
    const stats = new Map((await countRunsByExperiment(ctx.db, ids)).map((s) => [String(s.experimentId), s]));
    return {
      counts: input.experimentIds.map((experimentId) => {
        const s = stats.get(String(parseExperimentId(experimentId)));
        return s
          ? { experimentId, activeRuns: s.activeRuns, deletedRuns: s.deletedRuns, lastRunStartTime: s.lastRunStartTime }
          : { experimentId, activeRuns: 0, deletedRuns: 0 };
      }),
    };
  },
);
