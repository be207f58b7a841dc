import type { MetricHistoryPage } from "../../services/metrics/get-metric-history";
import { JsonPieces } from "../http/json-pieces";

/** metrics/get-history's body, as toWire + JSON.stringify wrote it, the points' JSON put in as it is. */
export function writeHistoryPage(page: MetricHistoryPage): JsonPieces {
  const out = new JsonPieces().literal("{");
  // toWire leaves an empty list and an unset token out.
  if (page.pointsJson !== null) out.literal('"metrics":[').raw(page.pointsJson).literal("]");
  if (page.nextPageToken !== undefined) out.literal(page.pointsJson === null ? '"next_page_token":' : ',"next_page_token":').value(page.nextPageToken);
  return out.literal("}");
}
