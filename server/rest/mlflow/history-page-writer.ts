import type { MetricHistoryPage } from "../../services/metrics/get-metric-history";
import { JsonPieces } from "../http/json-pieces";
import { historyPointsJson } from "./history-points-json";

/** metrics/get-history's body, as toWire + JSON.stringify wrote it. */
export function writeHistoryPage(page: MetricHistoryPage): JsonPieces {
  const out = new JsonPieces().literal("{");
  // toWire leaves an empty list and an unset token out.
  if (page.points !== null) out.literal('"metrics":[').raw(historyPointsJson(page.key, page.points, page.count)).literal("]");
  if (page.nextPageToken !== undefined) out.literal(page.points === null ? '"next_page_token":' : ',"next_page_token":').value(page.nextPageToken);
  return out.literal("}");
}
