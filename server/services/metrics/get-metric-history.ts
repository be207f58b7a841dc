import { z } from "zod";
import { findMetricHistoryColumns, type HistoryColumns } from "../../repositories/metric-history-points";
import { decodePageToken, encodePageToken } from "../../search/page-token";
import { requiredString, int32 } from "../schemas";
import { defineVerb } from "../verb";
import { runNotFound } from "../runs/load-run";
import { runIdField } from "../runs/run-input";

/** A page of one metric's history: its first `count` points as the database spelled their fields; null when none. */
export interface MetricHistoryPage {
  key: string;
  points: HistoryColumns | null;
  count: number;
  nextPageToken?: string;
}

/** A metric's full history (timestamp, step, value order); paged only when max_results is given. */
export const getMetricHistory = defineVerb(
  z.object({
    runId: runIdField,
    metricKey: requiredString,
    maxResults: int32.pipe(z.number().min(1, "must be at least 1")).optional(),
    pageToken: z.string().optional(),
  }),
  async ({ ctx, input }): Promise<MetricHistoryPage> => {
    const { offset } = decodePageToken(input.pageToken);
    const page = await findMetricHistoryColumns(ctx.db, { runId: input.runId, key: input.metricKey, pageSize: input.maxResults, offset });
    if (!page.runExists) throw runNotFound(input.runId);
    return {
      key: input.metricKey,
      points: page.points,
      count: page.count,
      nextPageToken: page.hasMore ? encodePageToken({ offset: offset + input.maxResults! }) : undefined,
    };
  },
);
