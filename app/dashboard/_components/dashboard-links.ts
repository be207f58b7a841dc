// Where each dashboard panel leads: the experiment's runs table filtered to the runs behind a bar
// (its filter in the URL, f=…), or, on the whole-server dashboard, the same dashboard narrowed to
// that slice, whose "Experiments" panel then links into each experiment's runs.

const DAY_MS = 86_400_000;

export interface DashboardSlice {
  user?: string;
  status?: string;
  day?: number;
}

export interface DashboardView extends DashboardSlice {
  experimentId?: string;
  /** 0: all time. */
  days: number;
  metric?: string;
  goal?: "min" | "max";
}

export const DEFAULT_DAYS = 30;

const quote = (text: string) => `'${text.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** The MLflow filter that selects a slice's runs (and the window's start, when there is one). */
export function sliceFilter(slice: DashboardSlice, fromDay?: number): string {
  const parts: string[] = [];
  if (slice.day !== undefined) parts.push(`attributes.start_time >= ${slice.day * DAY_MS}`, `attributes.start_time < ${(slice.day + 1) * DAY_MS}`);
  else if (fromDay !== undefined) parts.push(`attributes.start_time >= ${fromDay * DAY_MS}`);
  if (slice.user !== undefined) parts.push(`attributes.user_id = ${quote(slice.user)}`);
  if (slice.status !== undefined) parts.push(`attributes.status = ${quote(slice.status)}`);
  return parts.join(" AND ");
}

/** The experiment's runs table showing exactly the slice's runs, optionally sorted by a metric. */
export function runsTableHref(experimentId: string, slice: DashboardSlice, fromDay?: number, sortBy?: { metric: string; goal: "min" | "max" }): string {
  const params = new URLSearchParams();
  const filter = sliceFilter(slice, fromDay);
  if (filter) params.set("f", filter);
  if (sortBy) params.set("sort", `${sortBy.goal === "min" ? "asc" : "desc"}~m.${sortBy.metric}`);
  const query = params.toString();
  return `/experiments/${encodeURIComponent(experimentId)}${query ? `?${query}` : ""}`;
}

export function parseDashboardView(params: URLSearchParams): DashboardView {
  const int = (name: string) => {
    const value = params.get(name);
    return value !== null && /^\d+$/.test(value) ? Number(value) : undefined;
  };
  const goal = params.get("goal");
  return {
    experimentId: params.get("exp") || undefined,
    days: int("days") ?? DEFAULT_DAYS,
    user: params.get("user") ?? undefined,
    status: params.get("status") || undefined,
    day: int("day"),
    metric: params.get("metric") || undefined,
    goal: goal === "min" || goal === "max" ? goal : undefined,
  };
}

export function dashboardHref(view: DashboardView): string {
  const params = new URLSearchParams();
  if (view.experimentId) params.set("exp", view.experimentId);
  if (view.days !== DEFAULT_DAYS) params.set("days", String(view.days));
  if (view.user !== undefined) params.set("user", view.user);
  if (view.status) params.set("status", view.status);
  if (view.day !== undefined) params.set("day", String(view.day));
  if (view.metric) params.set("metric", view.metric);
  if (view.goal) params.set("goal", view.goal);
  const query = params.toString();
  return `/dashboard${query ? `?${query}` : ""}`;
}

/** Where a panel's bar leads: into the runs on an experiment's dashboard, one level down on the server's. */
export function sliceHref(view: DashboardView, slice: DashboardSlice, fromDay: number | undefined, sortBy?: { metric: string; goal: "min" | "max" }): string {
  const merged = { user: view.user, status: view.status, day: view.day, ...slice };
  return view.experimentId ? runsTableHref(view.experimentId, merged, fromDay, sortBy) : dashboardHref({ ...view, ...merged });
}

/** The dashboard query's input for a view (one definition, for the server's first answer and the page's). */
export function dashboardInput(view: DashboardView) {
  return {
    experimentId: view.experimentId,
    days: view.days,
    user: view.user,
    status: view.status as "FINISHED" | "FAILED" | "KILLED" | "RUNNING" | "SCHEDULED" | undefined,
    day: view.day,
    metricKey: view.metric,
    metricGoal: view.goal,
  };
}
