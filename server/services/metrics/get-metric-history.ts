import { z } from "zod";
import { findMetricHistory, type MetricRow } from "../../repositories/metrics-repository";
import { decodePageToken, encodePageToken } from "../../search/page-token";
import { requiredString, int32 } from "../schemas";
import { defineVerb } from "../verb";
import { requireRunRow } from "../runs/load-run";
import type { Metric } from "../runs/types";
import { runIdField } from "../runs/run-input";

/** A metric's full history (timestamp, step, value order); paged only when max_results is given. */
export const getMetricHistory = defineVerb(
  z.object({
    runId: runIdField,
    metricKey: requiredString,
    maxResults: int32.pipe(z.number().min(1, "must be at least 1")).optional(),
    pageToken: z.string().optional(),
  }),
  async ({ ctx, input }): Promise<{ metrics: Metric[]; nextPageToken?: string }> => {
    await requireRunRow(ctx.db, input.runId);
    const { offset } = decodePageToken(input.pageToken);
    const limit = input.maxResults === undefined ? undefined : input.maxResults + 1;
    const rows = await findMetricHistory(ctx.db, { runId: input.runId, key: input.metricKey, limit, offset });
    const hasMore = input.maxResults !== undefined && rows.length > input.maxResults;
    const page = hasMore ? rows.slice(0, input.maxResults) : rows;
    return {
      metrics: page.map(toHistoryPoint),
      nextPageToken: hasMore ? encodePageToken({ offset: offset + input.maxResults! }) : undefined,
    };
  },
);

export function toHistoryPoint(row: MetricRow): Metric {
  return {
    key: row.key,
    value: row.isNan ? Number.NaN : row.value,
    timestamp: row.timestamp,
    step: row.step,
    datasetName: row.datasetName ?? undefined,
    datasetDigest: row.datasetDigest ?? undefined,
    modelId: row.modelId ?? undefined,
  };
}
