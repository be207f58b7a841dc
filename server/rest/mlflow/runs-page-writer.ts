import type { RunWithJsonData } from "../../services/runs/load-run";
import { JsonPieces } from "../http/json-pieces";
import { toWire } from "./to-wire";

/**
 * runs/search's body, as toWire + JSON.stringify would write it for the same page, with each run's
 * data the database's JSON text (see assembleRunsWithJsonData) put in as it is, never parsed.
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
  out.literal(',"data":').raw(run.dataJson);
  out.literal(',"inputs":').value(toWire(run.inputs));
  out.literal(',"outputs":').value(toWire(run.outputs)).literal("}");
}
