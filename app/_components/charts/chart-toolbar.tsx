"use client";
import type { ChartSettings } from "./chart-settings";
import type { SetChartSettings } from "./use-chart-settings";
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
      <label className={styles.control}>
        <span className={styles.controlLabel}>Search metrics</span>
        <input type="search" placeholder="loss, val/…" value={settings.keySearch} onChange={(e) => update({ keySearch: e.target.value })} />
      </label>
      <label className={styles.control}>
        <span className={styles.controlLabel}>X axis</span>
        <select
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
      </label>
      <label className={styles.control}>
        <span className={styles.controlLabel}>Smoothing {settings.smoothing > 0 ? settings.smoothing.toFixed(2) : "off"}</span>
        <input type="range" min={0} max={0.99} step={0.01} value={settings.smoothing} aria-label="Smoothing" onChange={(e) => update({ smoothing: Number(e.target.value) })} />
      </label>
      <label className={styles.check}>
        <input type="checkbox" checked={settings.logY} onChange={(e) => update({ logY: e.target.checked })} /> Log y
      </label>
      <label className={styles.check}>
        <input type="checkbox" checked={settings.ignoreOutliers} onChange={(e) => update({ ignoreOutliers: e.target.checked })} /> Ignore outliers
      </label>
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
