"use client";
import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import {
  buildDailyRunsOption,
  buildMetricTrendOption,
  buildRankedBarOption,
  fillDays,
  formatDay,
} from "@/app/_components/charts/build-dashboard-options";
import { useChartTheme } from "@/app/_components/charts/use-chart-theme";
import { useTRPC } from "@/app/_components/trpc";
import type { AppRouter } from "@/server/trpc/app-router";
import { formatMetricValue } from "@/app/_components/ui/format";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { DashboardPanel } from "./dashboard-panel";
import { dashboardHref, dashboardInput, parseDashboardView, runsTableHref, sliceHref, type DashboardView } from "./dashboard-links";
import styles from "./dashboard.module.css";

const WINDOWS = [
  { days: 7, label: "Last 7 days" },
  { days: 30, label: "Last 30 days" },
  { days: 90, label: "Last 90 days" },
  { days: 365, label: "Last 365 days" },
  { days: 0, label: "All time" },
];
const ACCENT = "#2f6fed";
const GPU_COLOR = "#8250df";
const STATUS_COLORS: Record<string, string> = { FINISHED: "#1a7f37", FAILED: "#c62828", KILLED: "#8b1a1a", RUNNING: "#2f6fed", SCHEDULED: "#6a737d" };
const TREND_COLORS: [string, string, string] = ["#2f6fed", "#9a6700", "#1a7f37"];
const DAY_MS = 86_400_000;

const runsText = (n: number) => `${n.toLocaleString("en-US")} run${n === 1 ? "" : "s"}`;
const userName = (user: string) => user || "(no user)";

export function DashboardPage({ initial }: { initial?: { key: string; data: Dashboard } }) {
  const trpc = useTRPC();
  const router = useRouter();
  const view = parseDashboardView(new URLSearchParams(useSearchParams().toString()));
  const theme = useChartTheme();
  const go = (next: DashboardView) => router.push(dashboardHref(next));

  const experiments = useQuery({ ...trpc.experimentList.search.queryOptions({ maxResults: 1000, orderBy: ["name ASC"] }), retry: false });
  const input = dashboardInput(view);
  const dashboard = useQuery({
    ...trpc.dashboard.get.queryOptions(input),
    // The server's answer for the URL the page was opened with; later views are fetched.
    initialData: initial && initial.key === JSON.stringify(input) ? initial.data : undefined,
    retry: false,
  });
  const data = dashboard.data;
  const fromDay = data?.fromDay;
  const toDay = fromDay === undefined ? undefined : Math.floor(Date.now() / DAY_MS);

  const days = useMemo(() => (data ? fillDays(data.runsPerDay, { fromDay, toDay }) : []), [data, fromDay, toDay]);
  const options = useMemo(() => {
    if (!data) return undefined;
    return {
      perDay: buildDailyRunsOption({ days, color: ACCENT, theme }),
      perUser: buildRankedBarOption({ bars: data.runsPerUser.map((u) => ({ label: userName(u.user), value: u.runs })), valueName: "Runs", color: ACCENT, theme }),
      status: buildRankedBarOption({ bars: data.statusMix.map((s) => ({ label: s.status, value: s.runs, color: STATUS_COLORS[s.status] })), valueName: "Runs", color: ACCENT, theme }),
      gpu: buildRankedBarOption({ bars: data.gpuHoursPerUser.map((u) => ({ label: userName(u.user), value: u.gpuHours })), valueName: "GPU-hours", color: GPU_COLOR, theme }),
      experiments: buildRankedBarOption({ bars: data.runsPerExperiment.map((e) => ({ label: e.name, value: e.runs })), valueName: "Runs", color: ACCENT, theme }),
      metric: data.metric && buildMetricTrendOption({ perDay: data.metric.perDay, goal: data.metric.goal, metricKey: data.metric.key, colors: TREND_COLORS, theme }),
    };
  }, [data, days, theme]);

  const scopeName = data?.experiment?.name ?? (view.experimentId ? `Experiment ${view.experimentId}` : "All experiments");
  const slice = (s: { user?: string; status?: string; day?: number }, sortBy?: { metric: string; goal: "min" | "max" }) => sliceHref(view, s, fromDay, sortBy);
  const hasSlice = view.user !== undefined || view.status !== undefined || view.day !== undefined;

  return (
    <main className={styles.main}>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>Dashboard: {scopeName}</h1>
        {view.experimentId && <Link href={runsTableHref(view.experimentId, {})}>Open the runs table</Link>}
      </div>
      <div className={styles.controls}>
        <label>
          Experiment
          <select value={view.experimentId ?? ""} onChange={(e) => go({ days: view.days, experimentId: e.target.value || undefined })}>
            <option value="">All experiments</option>
            {experiments.data?.experiments.map((e) => (
              <option key={e.experimentId} value={e.experimentId}>{e.name}</option>
            ))}
            {view.experimentId && !experiments.data?.experiments.some((e) => e.experimentId === view.experimentId) && (
              <option value={view.experimentId}>{scopeName}</option>
            )}
          </select>
        </label>
        <label>
          Started
          <select value={view.days} onChange={(e) => go({ ...view, days: Number(e.target.value) })}>
            {WINDOWS.map((w) => (
              <option key={w.days} value={w.days}>{w.label}</option>
            ))}
          </select>
        </label>
        <span className="muted">Days are UTC; deleted runs are not counted.</span>
      </div>
      {hasSlice && (
        <div className={styles.slice} role="group" aria-label="Narrowed to">
          <span className="muted">Narrowed to</span>
          {view.user !== undefined && <SliceChip label={`user ${userName(view.user)}`} href={dashboardHref({ ...view, user: undefined })} />}
          {view.status !== undefined && <SliceChip label={`status ${view.status}`} href={dashboardHref({ ...view, status: undefined })} />}
          {view.day !== undefined && <SliceChip label={`day ${formatDay(view.day)}`} href={dashboardHref({ ...view, day: undefined })} />}
        </div>
      )}
      {dashboard.isError && <p role="alert" className="error">{dashboard.error.message}</p>}
      {dashboard.isPending && <p className="muted">Counting runs…</p>}
      {data && options && (
        <>
          <div className={styles.kpis}>
            <Kpi label="Runs" value={data.totalRuns.toLocaleString("en-US")} testId="kpi-runs" />
            <Kpi label="Users" value={String(data.runsPerUser.length)} testId="kpi-users" />
            <Kpi label="GPU-hours" value={formatMetricValue(round2(data.gpuHoursPerUser.reduce((s, u) => s + u.gpuHours, 0)))} testId="kpi-gpu-hours" />
          </div>
          <div className={styles.grid} data-testid="dashboard-panels">
            <DashboardPanel
              title="Runs started per day"
              wide
              option={options.perDay}
              onItemClick={(i) => router.push(slice({ day: days[i].day }))}
              rows={data.runsPerDay.map((d) => ({ label: formatDay(d.day), value: String(d.runs), href: slice({ day: d.day }), linkLabel: `${runsText(d.runs)} started ${formatDay(d.day)}` }))}
              valueHeader="Runs"
              empty="No runs started in this window."
            />
            <DashboardPanel
              title="Runs per user"
              note={data.runsPerUser.length === 20 ? "The 20 users with the most runs." : undefined}
              option={options.perUser}
              onItemClick={(i) => router.push(slice({ user: data.runsPerUser[i].user }))}
              rows={data.runsPerUser.map((u) => ({ label: userName(u.user), value: String(u.runs), href: slice({ user: u.user }), linkLabel: `${runsText(u.runs)} of ${userName(u.user)}` }))}
              valueHeader="Runs"
              empty="No runs."
            />
            <DashboardPanel
              title="Status"
              option={options.status}
              onItemClick={(i) => router.push(slice({ status: data.statusMix[i].status }))}
              rows={data.statusMix.map((s) => ({ label: <StatusBadge status={s.status} />, value: String(s.runs), href: slice({ status: s.status }), linkLabel: `${runsText(s.runs)} ${s.status}` }))}
              valueHeader="Runs"
              empty="No runs."
            />
            <DashboardPanel
              title="GPU-hours per user"
              note="For each GPU the collector reported in a run (gpu_<i>_utilization_percentage), the time from the run’s start to that GPU’s last sample, summed: 2 GPUs for 3 hours are 6 GPU-hours."
              option={options.gpu}
              onItemClick={(i) => router.push(slice({ user: data.gpuHoursPerUser[i].user }))}
              rows={data.gpuHoursPerUser.map((u) => ({
                label: `${userName(u.user)} (${u.gpus} GPU series in ${runsText(u.runs)})`,
                value: formatMetricValue(round2(u.gpuHours)),
                href: slice({ user: u.user }),
                linkLabel: `${formatMetricValue(round2(u.gpuHours))} GPU-hours of ${userName(u.user)}`,
              }))}
              valueHeader="GPU-hours"
              empty="No run in this window logged GPU metrics (metron-collector logs them on GPU machines)."
            />
            <DashboardPanel
              title="Experiments"
              note={view.experimentId ? undefined : "Where the runs counted here live; each number opens that experiment's runs."}
              option={options.experiments}
              onItemClick={(i) => router.push(runsTableHref(data.runsPerExperiment[i].experimentId, view, fromDay))}
              rows={data.runsPerExperiment.map((e) => ({
                label: <Link href={dashboardHref({ ...view, experimentId: e.experimentId })}>{e.name}</Link>,
                value: String(e.runs),
                href: runsTableHref(e.experimentId, view, fromDay),
                linkLabel: `${runsText(e.runs)} in ${e.name}`,
              }))}
              valueHeader="Runs"
              empty="No runs."
            />
            <MetricPanel view={view} data={data} option={options.metric} onDay={(day, m) => router.push(slice({ day }, m))} slice={slice} go={go} />
          </div>
        </>
      )}
    </main>
  );
}

type Dashboard = inferRouterOutputs<AppRouter>["dashboard"]["get"];

function MetricPanel(props: {
  view: DashboardView;
  data: Dashboard;
  option: ReturnType<typeof buildMetricTrendOption> | undefined;
  onDay: (day: number, sortBy: { metric: string; goal: "min" | "max" }) => void;
  slice: (s: { day?: number }, sortBy?: { metric: string; goal: "min" | "max" }) => string;
  go: (view: DashboardView) => void;
}) {
  const { data, view, go } = props;
  const metric = data.metric;
  const sortBy = metric && { metric: metric.key, goal: metric.goal };
  return (
    <DashboardPanel
      title="Metric across runs"
      wide
      note={metric && `Per day: the ${metric.goal === "min" ? "lowest" : "highest"} latest value of ${metric.key} among the runs started that day, the value of the day's last run, and the best so far.`}
      option={props.option}
      onItemClick={(i) => metric && props.onDay(metric.perDay[i].day, sortBy!)}
      rows={(metric?.perDay ?? []).map((d) => ({
        label: `${formatDay(d.day)}: best ${formatMetricValue(d.best)}, last ${formatMetricValue(d.last)}`,
        value: String(d.runs),
        href: props.slice({ day: d.day }, sortBy),
        linkLabel: `${runsText(d.runs)} with ${metric!.key} on ${formatDay(d.day)}`,
      }))}
      valueHeader="Runs"
      empty={data.metricKeys.length === 0 ? "No metrics logged yet." : "No run in this window logged this metric."}
    >
      {data.metricKeys.length > 0 && (
        <div className={styles.controls}>
          <label>
            Metric
            <select value={metric?.key ?? ""} onChange={(e) => go({ ...view, metric: e.target.value, goal: undefined })}>
              {data.metricKeys.map((k) => (
                <option key={k} value={k}>{k}</option>
              ))}
            </select>
          </label>
          <label>
            Better
            <select value={metric?.goal ?? "min"} onChange={(e) => go({ ...view, metric: metric?.key, goal: e.target.value as "min" | "max" })}>
              <option value="min">lower</option>
              <option value="max">higher</option>
            </select>
          </label>
        </div>
      )}
    </DashboardPanel>
  );
}

function Kpi({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className={styles.kpi}>
      <div className={styles.kpiValue} data-testid={testId}>{value}</div>
      <div className={styles.kpiLabel}>{label}</div>
    </div>
  );
}

function SliceChip({ label, href }: { label: string; href: string }) {
  return (
    <span className={styles.chip}>
      {label}
      <Link href={href} aria-label={`Remove ${label}`}>×</Link>
    </span>
  );
}

const round2 = (n: number) => Math.round(n * 100) / 100;
