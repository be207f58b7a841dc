import { z } from "zod";
import type { DbText } from "../../db/text-rows";
import { findMetricHistoryJson } from "../../repositories/metric-history-json";
import { decodePageToken, encodePageToken } from "../../search/page-token";
import { requiredString, int32 } from "../schemas";
import { defineVerb } from "../verb";
import { runNotFound } from "../runs/load-run";
import { runIdField } from "../runs/run-input";

/** A page of history whose points are their wire JSON text (see findMetricHistoryJson); null when none. */
export interface MetricHistoryPage {
  pointsJson: DbText | null;
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
    const page = await findMetricHistoryJson(ctx.db, { runId: input.runId, key: input.metricKey, pageSize: input.maxResults, offset });
    if (!page.runExists) throw runNotFound(input.runId);
    return {
      pointsJson: page.pointsJson,
      nextPageToken: page.hasMore ? encodePageToken({ offset: offset + input.maxResults! }) : undefined,
    };
  },
);
