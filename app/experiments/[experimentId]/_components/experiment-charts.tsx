"use client";
import { useMemo } from "react";
import { ChartGrid, MAX_CHART_RUNS } from "@/app/_components/charts/chart-grid";
import { chartViewPath } from "@/app/_components/sharing/chart-view-path";
import { ShareButton } from "@/app/_components/sharing/share-button";
import { useQueryState } from "nuqs";
import { experimentParams } from "../search-params";
import type { RunRow } from "./runs-table-rows";
import styles from "./runs-table.module.css";

/** "Table" or "Charts", kept in the URL as display=charts. */
export function useDisplay(): ["table" | "charts", (display: "table" | "charts") => void] {
  const [display, setDisplay] = useQueryState("display", experimentParams.display);
  return [display === "charts" ? "charts" : "table", (next) => setDisplay(next, { history: "push" })];
}

export function DisplaySwitch({ display, onChange }: { display: "table" | "charts"; onChange(display: "table" | "charts"): void }) {
  return (
    <div role="group" aria-label="Show runs as" className={styles.facets}>
      {(["table", "charts"] as const).map((d) => (
        <button key={d} type="button" aria-pressed={display === d} className={`${styles.chip} ${display === d ? styles.chipOn : ""}`} onClick={() => onChange(d)}>
          {d === "table" ? "Table" : "Charts"}
        </button>
      ))}
    </div>
  );
}

/** The runs the Charts view draws: those selected in the table, or else those it shows. */
const chartedRows = (rows: RunRow[], selected: string[]) => (selected.length > 0 ? rows.filter((r) => selected.includes(r.runId)) : rows);

/** "Share" on the Charts view: a link to these charts over the runs drawn (a link reads only them). */
export function ShareCharts({ rows, selected }: { rows: RunRow[]; selected: string[] }) {
  const runIds = chartedRows(rows, selected).slice(0, MAX_CHART_RUNS).map((r) => r.runId);
  if (runIds.length === 0) return null;
  return <ShareButton scope={{ kind: "chart", runIds }} target={() => chartViewPath(runIds, new URLSearchParams(window.location.search))} />;
}

/** The experiment's metrics as charts over the runs selected in the table, or else those it shows. */
export function ExperimentCharts({ rows, selected, metricKeys }: { rows: RunRow[]; selected: string[]; metricKeys: string[] }) {
  const runs = useMemo(() => chartedRows(rows, selected).map((r) => ({ runId: r.runId, name: r.name, isLive: r.status === "RUNNING" })), [rows, selected]);
  return <ChartGrid runs={runs} metricKeys={metricKeys} runNote={selected.length > 0 ? "(selected)" : "(shown in the table)"} hasOwnScroll />;
}
