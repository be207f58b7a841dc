import type { RunWithJsonData } from "../../services/runs/load-run";
import { JsonPieces } from "../http/json-pieces";
import { toWire } from "./to-wire";

/**
 * runs/search's body, as toWire + JSON.stringify would write it for the same page, with each run's
 * data lists the database's JSON text (see assembleRunsWithJsonData) put in as they are, never parsed.
 */
export function writeRunsPage(page: { runs: RunWithJsonData[]; nextPageToken?: string }): JsonPieces {
  const out = new JsonPieces().literal("{");
  let first = true;
  // toWire leaves empty lists and unset fields out.
  if (page.runs.length > 0) {
    out.literal('"runs":[');
    page.runs.forEach((run, i) => writeRun(out.literal(i === 0 ? "" : ","), run));
    out.literal("]");
    first = false;
  }
  if (page.nextPageToken !== undefined && page.nextPageToken !== null) {
    out.literal(first ? '"next_page_token":' : ',"next_page_token":').value(page.nextPageToken);
  }
  return out.literal("}");
}

function writeRun(out: JsonPieces, run: RunWithJsonData): void {
  out.literal('{"info":').value(toWire(run.info));
  out.literal(',"data":{');
  // The order of Run.data's fields, which toWire keeps; it leaves empty lists out.
  const { metrics, params, tags } = run.dataLists;
  if (metrics !== undefined) out.literal('"metrics":[').raw(metrics).literal("]");
  if (params !== undefined) out.literal(metrics !== undefined ? ',"params":[' : '"params":[').raw(params).literal("]");
  if (tags !== undefined) out.literal(metrics !== undefined || params !== undefined ? ',"tags":[' : '"tags":[').raw(tags).literal("]");
  out.literal("}");
  out.literal(',"inputs":').value(toWire(run.inputs));
  out.literal(',"outputs":').value(toWire(run.outputs)).literal("}");
}
