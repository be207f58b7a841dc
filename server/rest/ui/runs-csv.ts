import { getRequestContext, type ServiceContext } from "../../services/context";
import { listRunKeys } from "../../services/runs/list-run-keys";
import type { Run } from "../../services/runs/model";
import { searchRuns } from "../../services/runs/search-runs";
import { invokeVerb } from "../../services/verb";
import { fromWebRequest, toWebResponse } from "../http/web-edge";
import { errorReply, toWireError } from "../mlflow/handler";
import { csvRow } from "./csv";

/** Runs per search page while streaming: large pages, few round trips, bounded memory. */
const DEFAULT_PAGE_SIZE = 1000;

const ATTRIBUTE_HEADERS = ["run_id", "name", "status", "user", "start_time", "end_time", "duration_s", "source", "git_commit", "parent_run_id"];

/**
 * GET /api/ui/experiments/<id>/runs.csv?filter=…&order_by=…&view=…: EVERY run the runs table's
 * search matches (not just the rows the browser loaded), one row per run, with every param, metric
 * (latest value) and tag key of the experiment as a column. Pages through search-runs with its
 * keyset page tokens (page_size runs at a time, default 1000) and streams each page as it
 * arrives. A bad filter is a JSON 400 up front.
 */
export async function handleRunsCsv(req: Request, experimentId: string): Promise<Response> {
  const url = new URL(req.url);
  const search = {
    experimentIds: [experimentId],
    filter: url.searchParams.get("filter") ?? "",
    orderBy: url.searchParams.getAll("order_by"),
    runViewType: url.searchParams.get("view") ?? "ACTIVE_ONLY",
    maxResults: url.searchParams.get("page_size") ?? DEFAULT_PAGE_SIZE,
  };
  let ctx: ServiceContext;
  let first: Awaited<ReturnType<typeof searchRuns>>;
  let keys: Awaited<ReturnType<typeof listRunKeys>>;
  try {
    ctx = await getRequestContext(req.signal);
    [first, keys] = await Promise.all([invokeVerb(searchRuns, ctx, search), invokeVerb(listRunKeys, ctx, { experimentIds: [experimentId] })]);
  } catch (err) {
    return toWebResponse(errorReply(toWireError(err, fromWebRequest(req))));
  }

  const header = [
    ...ATTRIBUTE_HEADERS,
    ...keys.params.map((k) => `params.${k}`),
    ...keys.metrics.map((k) => `metrics.${k}`),
    ...keys.tags.map((k) => `tags.${k}`),
  ];
  let page: typeof first | undefined = first;
  let isFirst = true;
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!page) {
        controller.close();
        return;
      }
      let text = isFirst ? csvRow(header) : "";
      isFirst = false;
      for (const run of page.runs) text += csvRow(runFields(run, keys));
      controller.enqueue(encoder.encode(text));
      const token = page.nextPageToken;
      try {
        page = token ? await invokeVerb(searchRuns, ctx, { ...search, pageToken: token }) : undefined;
      } catch (err) {
        // The status is sent by now: a failing later page can only cut the download short.
        toWireError(err, fromWebRequest(req));
        controller.error(err);
      }
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="experiment-${experimentId.replace(/[^\w-]/g, "")}-runs.csv"`,
      "cache-control": "no-store",
    },
  });
}

function runFields(run: Run, keys: { params: string[]; metrics: string[]; tags: string[] }): string[] {
  const { info, data } = run;
  const params = new Map(data.params.map((p) => [p.key, p.value]));
  const metrics = new Map(data.metrics.map((m) => [m.key, m.value]));
  const tags = new Map(data.tags.map((t) => [t.key, t.value]));
  const iso = (ms: number | undefined) => (ms === undefined ? "" : new Date(ms).toISOString());
  return [
    info.runId,
    info.runName,
    info.status,
    info.userId,
    iso(info.startTime),
    iso(info.endTime),
    info.endTime === undefined ? "" : String((info.endTime - info.startTime) / 1000),
    tags.get("mlflow.source.name") ?? "",
    tags.get("mlflow.source.git.commit") ?? "",
    tags.get("mlflow.parentRunId") ?? "",
    ...keys.params.map((k) => params.get(k) ?? ""),
    ...keys.metrics.map((k) => (metrics.has(k) ? String(metrics.get(k)) : "")),
    ...keys.tags.map((k) => tags.get(k) ?? ""),
  ];
}
