// The runs table's view as URL search params, so a copied link reopens the same view: f, sort=<dir>~<col>,
// col/pin (repeated; one empty pin=: nothing pinned), w=<px>~<col>, sel, open, view, status, flat=1.
// Column ids: a.<attribute>, p.<param>, t.<tag>, m.<metric>, m.<metric>@min, m.<metric>@max.

export type RunViewType = "ACTIVE_ONLY" | "DELETED_ONLY" | "ALL";

export interface ViewState {
  filter: string;
  sort: { column: string; desc: boolean } | null;
  /** null until chosen: the table then shows its default columns. */
  columns: string[] | null;
  pinned: string[];
  widths: Record<string, number>;
  selected: string[];
  expanded: string[];
  view: RunViewType;
  statuses: string[];
  /** List child runs as ordinary rows instead of under their parents. */
  flat: boolean;
}

/** Pinned unless the view says otherwise: the run name stays in view however far right one scrolls. */
export const DEFAULT_PINNED = ["a.name"];

export const EMPTY_VIEW: ViewState = {
  filter: "",
  sort: null,
  columns: null,
  pinned: DEFAULT_PINNED,
  widths: {},
  selected: [],
  expanded: [],
  view: "ACTIVE_ONLY",
  statuses: [],
  flat: false,
};

const VIEW_NAMES: Record<string, RunViewType> = { deleted: "DELETED_ONLY", all: "ALL" };

/** Splits "<head>~<rest>" at the first "~" (column ids may contain "~" themselves). */
function splitFirst(value: string): [string, string] | undefined {
  const at = value.indexOf("~");
  return at < 0 ? undefined : [value.slice(0, at), value.slice(at + 1)];
}

export function parseViewState(params: URLSearchParams): ViewState {
  const sortParts = splitFirst(params.get("sort") ?? "");
  const widths: Record<string, number> = {};
  for (const entry of params.getAll("w")) {
    const parts = splitFirst(entry);
    const px = Number(parts?.[0]);
    if (parts && Number.isFinite(px) && px > 0) widths[parts[1]] = Math.round(px);
  }
  const columns = params.getAll("col");
  return {
    filter: params.get("f") ?? "",
    sort: sortParts && (sortParts[0] === "asc" || sortParts[0] === "desc") ? { column: sortParts[1], desc: sortParts[0] === "desc" } : null,
    columns: columns.length > 0 ? columns : null,
    pinned: params.has("pin") ? params.getAll("pin").filter(Boolean) : DEFAULT_PINNED,
    widths,
    selected: params.getAll("sel"),
    expanded: params.getAll("open"),
    view: VIEW_NAMES[params.get("view") ?? ""] ?? "ACTIVE_ONLY",
    statuses: params.getAll("status"),
    flat: params.get("flat") === "1",
  };
}

export function serializeViewState(state: ViewState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.filter) params.set("f", state.filter);
  if (state.sort) params.set("sort", `${state.sort.desc ? "desc" : "asc"}~${state.sort.column}`);
  for (const column of state.columns ?? []) params.append("col", column);
  if (state.pinned.length === 0) params.set("pin", "");
  else if (!isDefaultPinned(state.pinned)) for (const column of state.pinned) params.append("pin", column);
  for (const [column, px] of Object.entries(state.widths)) params.append("w", `${px}~${column}`);
  for (const id of state.selected) params.append("sel", id);
  for (const id of state.expanded) params.append("open", id);
  if (state.view !== "ACTIVE_ONLY") params.set("view", state.view === "DELETED_ONLY" ? "deleted" : "all");
  for (const status of state.statuses) params.append("status", status);
  if (state.flat) params.set("flat", "1");
  return params;
}

const isDefaultPinned = (pinned: string[]) => pinned.length === DEFAULT_PINNED.length && pinned.every((c, i) => c === DEFAULT_PINNED[i]);
