import { Readable } from "node:stream";
import { authorize } from "../../auth/gate";
import { authErrorReply, authorizedRequestContext } from "../../auth/request-gate";
import { experimentIn } from "../../auth/resource-refs";
import { read } from "../../auth/rules";
import { runRead } from "../../services/run-read";
import { listRunKeys } from "../../services/runs/list-run-keys";
import type { Run } from "../../services/runs/types";
import { searchRunPages } from "../../services/runs/search-run-pages";
import { invokeVerb } from "../../services/verb";
import { toWireError } from "../http/error-reply";
import type { RestReply, RestRequest } from "../http/exchange";
import { decodePathSegments } from "../http/request-screen";
import { csvRow } from "./csv";

export const RUNS_CSV_ACCESS = read(experimentIn("experimentId"));

/** Runs per search page while streaming: large pages, few round trips, bounded memory. */
const DEFAULT_PAGE_SIZE = 1000;

const ATTRIBUTE_HEADERS = ["run_id", "name", "status", "user", "start_time", "end_time", "duration_s", "source", "git_commit", "parent_run_id"];

/** /api/ui/experiments/<id>/runs.csv: the id is the one dynamic segment. */
const CSV_PATH = /^\/api\/ui\/experiments\/([^/]+)\/runs\.csv$/;

/**
 * GET /api/ui/experiments/<id>/runs.csv?filter=…&order_by=…&view=…: EVERY matching run (not just the rows
 * loaded), every param, latest metric and tag key as a column, streamed page by page (page_size, default
 * 1000). A bad filter is a JSON 400 up front.
 */
export async function serveRunsCsv(req: RestRequest): Promise<RestReply> {
  const { searchParams } = req.url;
  const experimentId = decodePathSegments(CSV_PATH.exec(req.url.pathname)?.[1] ?? "")?.[0] ?? "";
  const search = {
    experimentIds: [experimentId],
    filter: searchParams.get("filter") ?? "",
    orderBy: searchParams.getAll("order_by"),
    runViewType: searchParams.get("view") ?? "ACTIVE_ONLY",
    maxResults: searchParams.get("page_size") ?? DEFAULT_PAGE_SIZE,
  };
  let pages: AsyncGenerator<Run[]>;
  let first: IteratorResult<Run[]>;
  let keys: Awaited<ReturnType<typeof listRunKeys>>;
  try {
    const ctx = await authorizedRequestContext(req);
    await authorize(ctx, RUNS_CSV_ACCESS, { experimentId });
    pages = searchRunPages(ctx, search);
    [first, keys] = await Promise.all([pages.next(), runRead(ctx, (readCtx) => invokeVerb(listRunKeys, readCtx, { experimentIds: [experimentId] }))]);
  } catch (err) {
    return authErrorReply(toWireError(err, req));
  }

  const header = [
    ...ATTRIBUTE_HEADERS,
    ...keys.params.map((k) => `params.${k}`),
    ...keys.metrics.map((k) => `metrics.${k}`),
    ...keys.tags.map((k) => `tags.${k}`),
  ];
  async function* rows(): AsyncGenerator<Buffer> {
    yield Buffer.from(csvRow(header));
    for (let page = first; !page.done; ) {
      yield Buffer.from(page.value.map((run) => csvRow(runFields(run, keys))).join(""));
      try {
        page = await pages.next();
      } catch (err) {
        // The status is sent by now: a failing later page can only cut the download short.
        toWireError(err, req);
        throw err;
      }
    }
  }
  return {
    status: 200,
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="experiment-${experimentId.replace(/[^\w-]/g, "")}-runs.csv"`,
      "cache-control": "no-store",
    },
    body: Readable.from(rows()),
  };
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
