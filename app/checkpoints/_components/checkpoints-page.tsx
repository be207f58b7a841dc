"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useCallback, useMemo } from "react";
import { EChart } from "@/app/_components/charts/echart";
import { assignRunColors } from "@/app/_components/charts/run-colors";
import { useChartTheme } from "@/app/_components/charts/use-chart-theme";
import { useTRPC } from "@/app/_components/trpc";
import { CopyLinkButton } from "@/app/_components/ui/copy-link-button";
import { useQueryState } from "nuqs";
import { checkpointsParams } from "@/app/checkpoints/search-params";
import { buildCheckpointLinesOption, checkpointLines } from "./build-checkpoint-lines-option";
import { buildCheckpointMatrix, type Direction } from "./checkpoint-matrix";
import { MatrixTable } from "./matrix-table";
import { RegisterBest } from "./register-best";
import styles from "./checkpoints.module.css";

// URL: runs=<id>,<id>…  metric=<key shown in the chart>  base=<baseline model id>
//      dir=<key>:min|max|none,…  (directions chosen over the ones guessed from the names)
export function CheckpointsPage() {
  const trpc = useTRPC();
  const theme = useChartTheme();
  const [runsParam] = useQueryState("runs", checkpointsParams.runs);
  const runIds = useMemo(() => [...new Set(runsParam.split(",").map((s) => s.trim()).filter(Boolean))], [runsParam]);
  const [metricParam, setMetric] = useQueryState("metric", checkpointsParams.metric);
  const [baseline, setBaseline] = useQueryState("base", checkpointsParams.base);
  const [dirParam, setDirParam] = useQueryState("dir", checkpointsParams.dir);
  const query = useQuery({ ...trpc.checkpoints.compare.queryOptions({ runIds }), enabled: runIds.length > 0, retry: false });

  const directions = useMemo(() => parseDirections(dirParam), [dirParam]);
  const checkpoints = query.data?.checkpoints;
  const matrix = useMemo(() => buildCheckpointMatrix(checkpoints ?? [], { baselineModelId: baseline || null, directions }), [checkpoints, baseline, directions]);
  const runNames = useMemo(() => new Map(query.data?.runs.map((r) => [r.runId, r.runName || r.runId])), [query.data]);
  const colors = useMemo(() => assignRunColors(query.data?.runs.map((r) => r.runId) ?? []), [query.data]);
  const metricKeys = useMemo(() => [...new Set(matrix.columns.map((c) => c.key))].sort(), [matrix]);
  const metric = metricKeys.includes(metricParam) ? metricParam : (matrix.columns.find((c) => c.direction)?.key ?? metricKeys[0] ?? "");
  const lines = useMemo(() => checkpointLines(checkpoints ?? [], metric, runNames), [checkpoints, metric, runNames]);
  const option = useMemo(() => buildCheckpointLinesOption(lines, { metricKey: metric, colors, theme }), [lines, metric, colors, theme]);
  const onBaseline = useCallback((id: string | null) => setBaseline(id ?? ""), [setBaseline]);
  const onDirection = useCallback(
    (key: string, direction: Direction | "none") => setDirParam(serializeDirections({ ...parseDirections(new URLSearchParams(window.location.search).get("dir") ?? ""), [key]: direction })),
    [setDirParam],
  );

  if (runIds.length === 0) {
    return (
      <main className={styles.main}>
        <h1>Compare checkpoints</h1>
        <p className={styles.muted}>
          No runs chosen. Open it from a run page, the compare page or an experiment’s Models tab, or go to <code>/checkpoints?runs=&lt;run id&gt;,&lt;run id&gt;</code>.
        </p>
      </main>
    );
  }
  const runs = query.data?.runs ?? [];
  return (
    <main className={styles.main}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link href="/">Experiments</Link> / {runs.length === 1 ? <Link href={`/experiments/${runs[0].experimentId}/runs/${runs[0].runId}`}>{runs[0].runName}</Link> : <Link href={`/compare?runs=${runIds.join(",")}`}>Compare runs</Link>}
      </nav>
      <div className={styles.titleRow}>
        <h1>Compare checkpoints</h1>
        <span className={styles.muted}>
          {checkpoints ? `${checkpoints.length} checkpoint${checkpoints.length === 1 ? "" : "s"} of ${runs.length} run${runs.length === 1 ? "" : "s"}` : ""}
        </span>
        <span className={styles.spacer} />
        <CopyLinkButton />
      </div>
      {query.isPending && <p className={styles.muted}>Loading checkpoints…</p>}
      {query.isError && <p role="alert" className={styles.error}>{query.error.message}</p>}
      {query.data && query.data.missingRunIds.length > 0 && (
        <p role="note" className={styles.muted}>
          Not found: {query.data.missingRunIds.join(", ")}
        </p>
      )}
      {query.data && (
        <ul className={styles.runList} aria-label="Runs">
          {runs.map((r) => (
            <li key={r.runId}>
              <span className={styles.dot} style={{ background: colors.get(r.runId) }} aria-hidden />
              <Link href={`/experiments/${r.experimentId}/runs/${r.runId}`}>{r.runName || r.runId}</Link>
            </li>
          ))}
        </ul>
      )}
      {checkpoints && checkpoints.length === 0 && (
        <p className={styles.muted}>These runs logged no checkpoints (MLflow 3 logged models, e.g. log_model(…, step=…)).</p>
      )}
      {checkpoints && checkpoints.length > 0 && (
        <>
          <section className={styles.panel} aria-labelledby="ckpt-lines">
            <div className={styles.controls}>
              <h2 id="ckpt-lines">Metric by checkpoint step</h2>
              <label className={styles.control}>
                <span className={styles.controlLabel}>Metric</span>
                <select value={metric} onChange={(e) => setMetric(e.target.value)} aria-label="Metric">
                  {metricKeys.map((k) => (
                    <option key={k}>{k}</option>
                  ))}
                </select>
              </label>
              <span className={styles.muted}>one line per run and dataset (dash: dataset)</span>
            </div>
            <EChart option={option} className={styles.chart} aria-label={`${metric} by checkpoint step`} />
          </section>
          <section className={styles.panel} aria-labelledby="ckpt-register">
            <h2 id="ckpt-register">Register the best checkpoint</h2>
            <RegisterBest matrix={matrix} defaultName={runs[0]?.runName || "model"} />
          </section>
          <section aria-labelledby="ckpt-matrix">
            <div className={styles.controls}>
              <h2 id="ckpt-matrix" style={{ margin: 0, fontSize: 15 }}>
                Checkpoints × metrics
              </h2>
              <span className={styles.muted}>
                {matrix.baselineModelId ? "differences from the baseline under each value; " : "set a baseline to see differences; "}
                colour: green towards the best, red towards the worst (arrows: direction)
              </span>
            </div>
            <MatrixTable matrix={matrix} runNames={runNames} colors={colors} onBaseline={onBaseline} onDirection={onDirection} />
          </section>
        </>
      )}
    </main>
  );
}

function parseDirections(text: string): Record<string, Direction | "none"> {
  const directions: Record<string, Direction | "none"> = {};
  for (const part of text.split(",")) {
    const at = part.lastIndexOf(":");
    const value = part.slice(at + 1);
    if (at > 0 && (value === "min" || value === "max" || value === "none")) directions[part.slice(0, at)] = value;
  }
  return directions;
}

const serializeDirections = (directions: Record<string, Direction | "none">) =>
  Object.entries(directions)
    .map(([key, d]) => `${key}:${d}`)
    .join(",");
