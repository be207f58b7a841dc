"use client";
import { useMemo } from "react";
import { buildSystemOption, toRatePoints, type SystemLine, type SystemUnit } from "../charts/build-system-option";
import type { ChartPoint } from "../charts/chart-points";
import type { ChartTheme } from "../charts/chart-theme";
import { EChart } from "../charts/echart";
import styles from "../charts/charts.module.css";

export interface CardLine {
  id: string;
  name: string;
  label: string;
  color: string;
  points: ChartPoint[] | undefined;
  isRate?: boolean;
}

interface SystemChartCardProps {
  chartId: string;
  title: string;
  unit: SystemUnit;
  lines: CardLine[];
  xKind: "time" | "relative";
  xRange?: { min: number; max: number };
  theme: ChartTheme;
  group: string;
  isPending: boolean;
  error: { message: string } | null;
  meta?: string;
}

/** One system chart; data-state/data-lines/data-points tell tests and the benchmark what is drawn. */
export function SystemChartCard({ chartId, title, unit, lines, xKind, xRange, theme, group, isPending, error, meta }: SystemChartCardProps) {
  const drawn = useMemo<SystemLine[]>(
    () => lines.flatMap((l) => (l.points && l.points.length > 0 ? [{ id: l.id, name: l.name, label: l.label, color: l.color, points: l.isRate ? toRatePoints(l.points) : l.points }] : [])),
    [lines],
  );
  const option = useMemo(() => buildSystemOption({ lines: drawn, unit, xKind, xRange, theme }), [drawn, unit, xKind, xRange, theme]);
  const points = drawn.reduce((n, l) => n + l.points.length, 0);
  const state = error ? "error" : isPending ? "loading" : "ready";
  return (
    <section className={styles.card} style={{ height: 240 }} aria-label={`Chart of ${title}`} data-testid="system-chart" data-chart={chartId} data-state={state} data-lines={drawn.length} data-points={points}>
      <header className={styles.cardHeader}>
        <h3 className={styles.cardTitle} title={title}>
          {title}
          {unit ? <span className={styles.muted}> ({unit})</span> : null}
        </h3>
        <span className={styles.cardMeta}>{state === "loading" ? "loading…" : meta}</span>
      </header>
      {error ? (
        <p role="alert" className={styles.cardError}>
          {error.message}
        </p>
      ) : !isPending && points === 0 ? (
        <p className={styles.cardEmpty}>No points.</p>
      ) : (
        <EChart option={option} group={group} className={styles.chart} aria-label={`${title} over ${xKind === "time" ? "wall time" : "time since start"}`} />
      )}
    </section>
  );
}
