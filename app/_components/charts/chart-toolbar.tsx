"use client";
import type { ChartSettings } from "./chart-settings";
import type { SetChartSettings } from "./use-chart-settings";
import { CheckControl, Control } from "../ui/controls";
import styles from "./charts.module.css";

const X_CHOICES = [
  { value: "step", label: "Step" },
  { value: "time", label: "Wall time" },
  { value: "relative", label: "Relative time" },
] as const;

/** X axis, smoothing, log y, outliers, zoom reset and the search over metric keys. */
export function ChartToolbar(props: { settings: ChartSettings; update: SetChartSettings; metricKeys: string[]; shown: number; total: number; runCount: number; runNote?: string }) {
  const { settings, update } = props;
  const xValue = settings.xKind === "metric" ? `m:${settings.xMetric ?? ""}` : settings.xKind;
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Chart settings">
      <Control label="Search metrics">
        <input type="search" className={styles.wide} placeholder="loss, val/…" value={settings.keySearch} onChange={(e) => update({ keySearch: e.target.value })} />
      </Control>
      <Control label="X axis">
        <select
          className={styles.wide}
          value={xValue}
          onChange={(e) => {
            const v = e.target.value;
            update(v.startsWith("m:") ? { xKind: "metric", xMetric: v.slice(2) } : { xKind: v as ChartSettings["xKind"], xMetric: undefined });
          }}
        >
          {X_CHOICES.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
          <optgroup label="Another metric">
            {props.metricKeys.map((key) => (
              <option key={key} value={`m:${key}`}>
                {key}
              </option>
            ))}
          </optgroup>
        </select>
      </Control>
      <Control label={`Smoothing ${settings.smoothing > 0 ? settings.smoothing.toFixed(2) : "off"}`}>
        <input type="range" min={0} max={0.99} step={0.01} value={settings.smoothing} aria-label="Smoothing" onChange={(e) => update({ smoothing: Number(e.target.value) })} />
      </Control>
      <CheckControl label="Log y" className={styles.check} checked={settings.logY} onChange={(logY) => update({ logY })} />
      <CheckControl label="Ignore outliers" className={styles.check} checked={settings.ignoreOutliers} onChange={(ignoreOutliers) => update({ ignoreOutliers })} />
      {settings.zoom && (
        <button type="button" onClick={() => update({ zoom: undefined })}>
          Reset zoom
        </button>
      )}
      <span className={styles.spacer} />
      <span className={styles.muted} role="status">
        {props.shown === props.total ? `${props.total} chart${props.total === 1 ? "" : "s"}` : `${props.shown} of ${props.total} charts`} · {props.runCount} run
        {props.runCount === 1 ? "" : "s"}
        {props.runNote ? ` ${props.runNote}` : ""}
      </span>
    </div>
  );
}
