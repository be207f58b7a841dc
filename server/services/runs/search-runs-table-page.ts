import { z } from "zod";
import { defineVerb } from "../verb";
import { countChildRuns } from "./count-child-runs";
import { searchRuns } from "./search-runs";
import { invalidParameter } from "../errors";
import { MAX_SUMMARY_RUNS, summarizeRunMetrics } from "./summarize-run-metrics";

/**
 * One page of the runs table in one request: the runs (as search-runs answers them), and for
 * those runs the min/max of `rangeKeys` and, with `withChildCounts`, their child-run counts.
 * Saves the table a second round trip per page (Metron, not MLflow).
 */
export const searchRunsTablePage = defineVerb(
  searchRuns.input.safeExtend({
    rangeKeys: z.array(z.string()).default([]),
    withChildCounts: z.boolean().default(false),
  }),
  async ({ ctx, input }) => {
    const { rangeKeys, withChildCounts, ...search } = input;
    // Checked up front, so that the request fails the same way whatever the page holds.
    if (rangeKeys.length > 0 && search.maxResults > MAX_SUMMARY_RUNS) {
      throw invalidParameter(`maxResults must be at most ${MAX_SUMMARY_RUNS} when rangeKeys are given.`);
    }
    const page = await searchRuns({ ctx, input: search });
    const runIds = page.runs.map((r) => r.info.runId);
    const [ranges, children] = await Promise.all([
      summarizeRunMetrics({ ctx, input: { runIds, keys: rangeKeys } }),
      withChildCounts ? countChildRuns({ ctx, input: { parentRunIds: runIds, runViewType: search.runViewType } }) : { counts: {} as Record<string, number> },
    ]);
    return { ...page, summaries: ranges.summaries, childCounts: children.counts };
  },
);
