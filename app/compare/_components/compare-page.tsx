"use client";
import Link from "next/link";
import { useMemo } from "react";
import { ChartGrid, uniqueLabels } from "@/app/_components/charts/chart-grid";
import { assignRunColors } from "@/app/_components/charts/run-colors";
import { useCheckpointSteps } from "@/app/_components/charts/use-checkpoint-steps";
import { CopyLinkButton } from "@/app/_components/ui/copy-link-button";
import { ShareButton } from "@/app/_components/sharing/share-button";
import { CheckControl } from "@/app/_components/ui/controls";
import { TabPanel, Tabs } from "@/app/_components/ui/tabs";
import { useQueryState } from "nuqs";
import { compareParams } from "../search-params";
import { buildFields, isDifferent, reorderFields } from "./compare-fields";
import { DiffTable } from "./diff-table";
import { ParallelView, ScatterView, type ScatterChoice } from "./plot-views";
import { SystemView } from "./system-view";
import { useComparedRuns } from "./use-compared-runs";
import styles from "./compare.module.css";

const TABS = ["diff", "charts", "parallel", "scatter", "system"] as const;

// URL: runs=<id>,<id>…  base=<run id>  diff=1  view=diff|charts|parallel|scatter
//      (view=system: GPU utilization and system summary per run)
//      axes=<JSON list of field ids>  sx=<field>  sy=<field>  slx=1  sly=1  (+ the charts' c* params)
export function ComparePage() {
  const [runsParam] = useQueryState("runs", compareParams.runs);
  const runIds = useMemo(() => runsParam.split(",").map((s) => s.trim()).filter(Boolean), [runsParam]);
  const [tabParam, setTab] = useQueryState("view", compareParams.view);
  const tab = (TABS as readonly string[]).includes(tabParam) ? tabParam : "diff";
  const [baseParam, setBase] = useQueryState("base", compareParams.base);
  const [diffOnly, setDiffOnly] = useQueryState("diff", compareParams.diff);
  const [axesParam, setAxes] = useQueryState("axes", compareParams.axes);
  const [sx, setSx] = useQueryState("sx", compareParams.sx);
  const [sy, setSy] = useQueryState("sy", compareParams.sy);
  const [slx, setSlx] = useQueryState("slx", compareParams.slx);
  const [sly, setSly] = useQueryState("sly", compareParams.sly);
  const compared = useComparedRuns(runIds);

  // The baseline run goes first; every other column is compared with it.
  const baseIndex = Math.max(0, compared.runs.findIndex((r) => r.runId === baseParam));
  const order = useMemo(
    () => (compared.runs.length === 0 ? [] : [baseIndex, ...compared.runs.map((_, i) => i).filter((i) => i !== baseIndex)]),
    [baseIndex, compared.runs],
  );
  const runs = useMemo(() => order.map((i) => compared.runs[i]), [order, compared.runs]);
  const fields = useMemo(() => reorderFields(buildFields(compared.runs), order), [compared.runs, order]);
  const labels = useMemo(() => uniqueLabels(runs), [runs]);
  const colors = useMemo(() => assignRunColors(runs.map((r) => r.runId)), [runs]);
  const checkpointSteps = useCheckpointSteps(runIds);
  const chartRuns = useMemo(
    () => runs.map((r) => ({ runId: r.runId, name: labels.get(r.runId) ?? r.name, isLive: r.status === "RUNNING", checkpointSteps: checkpointSteps.get(r.runId) })),
    [runs, labels, checkpointSteps],
  );

  const axes = useMemo(() => parseAxes(axesParam) ?? defaultAxes(fields), [axesParam, fields]);
  const firstMetric = fields.find((f) => f.section === "Metrics")?.id ?? "";
  const firstParam = fields.find((f) => f.section === "Parameters" && f.isNumeric)?.id ?? fields.find((f) => f.section === "Parameters")?.id ?? "";
  const scatter: ScatterChoice = { x: sx || firstParam, y: sy || firstMetric, logX: slx === "1", logY: sly === "1" };

  if (runIds.length === 0) {
    return (
      <main className={styles.main}>
        <h1>Compare runs</h1>
        <p className={styles.muted}>
          No runs chosen. Select runs in an experiment’s table and press “Compare”, or open <code>/compare?runs=&lt;run id&gt;,&lt;run id&gt;</code>.
        </p>
      </main>
    );
  }
  const differing = fields.filter(isDifferent).length;
  return (
    <main className={styles.main}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link href="/">Experiments</Link>
        {compared.runs[0] && (
          <>
            {" / "}
            <Link href={`/experiments/${compared.runs[0].experimentId}`}>{compared.runs[0].experimentName}</Link>
          </>
        )}
      </nav>
      <div className={styles.titleRow}>
        <h1>Compare {compared.runs.length || runIds.length} runs</h1>
        <span className={styles.muted}>
          {new Set(compared.runs.map((r) => r.experimentId)).size > 1 ? `from ${new Set(compared.runs.map((r) => r.experimentId)).size} experiments · ` : ""}
          {differing} of {fields.length} fields differ{compared.areRangesLoading ? " · loading min/max…" : ""}
        </span>
        <span style={{ flex: 1 }} />
        <Link href={`/checkpoints?runs=${runIds.join(",")}`}>Compare checkpoints</Link>
        <CopyLinkButton />
        <ShareButton scope={{ kind: tab === "charts" ? "chart" : "compare", runIds }} />
      </div>
      {compared.error && <p role="alert" className={styles.error}>{compared.error.message}</p>}
      {compared.missingRunIds.length > 0 && (
        <p role="note" className={styles.muted}>
          Not found (deleted for good, or a wrong id): {compared.missingRunIds.join(", ")}
        </p>
      )}
      {compared.isPending ? (
        <p className={styles.muted} role="status">Loading runs…</p>
      ) : compared.runs.length === 0 ? null : (
        <>
          <Tabs
            tabs={[
              { id: "diff", label: "Diff" },
              { id: "charts", label: `Charts (${compared.metricKeys.length})` },
              { id: "parallel", label: "Parallel coordinates" },
              { id: "scatter", label: "Scatter" },
              { id: "system", label: "System" },
            ]}
            selected={tab}
            onSelect={(id) => setTab(id, { history: "push" })}
            idPrefix="compare"
          />
          <TabPanel id={tab} idPrefix="compare">
            {tab === "diff" && (
              <>
                <div className={styles.controls} style={{ marginBottom: 8 }}>
                  <CheckControl label="Only differences" checked={diffOnly === "1"} onChange={(only) => setDiffOnly(only ? "1" : "")} />
                  <span className={styles.muted}>Baseline: {runs[0]?.name}. Cells that differ from it are highlighted.</span>
                </div>
                <DiffTable runs={runs} fields={fields} colors={colors} isOnlyDifferences={diffOnly === "1"} onSetBaseline={(id) => setBase(id)} />
              </>
            )}
            {tab === "system" && <SystemView runs={runs} labels={labels} colors={colors} />}
            {tab === "charts" && <ChartGrid runs={chartRuns} metricKeys={compared.metricKeys} />}
            {tab === "parallel" && <ParallelView runs={runs} fields={fields} labels={labels} colors={colors} chosen={axes} setChosen={(ids) => setAxes(JSON.stringify(ids))} />}
            {tab === "scatter" && (
              <ScatterView
                runs={runs}
                fields={fields}
                labels={labels}
                colors={colors}
                choice={scatter}
                setChoice={(patch) => {
                  if (patch.x !== undefined) setSx(patch.x);
                  if (patch.y !== undefined) setSy(patch.y);
                  if (patch.logX !== undefined) setSlx(patch.logX ? "1" : "");
                  if (patch.logY !== undefined) setSly(patch.logY ? "1" : "");
                }}
              />
            )}
          </TabPanel>
        </>
      )}
    </main>
  );
}

function parseAxes(text: string): string[] | undefined {
  if (!text) return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? parsed.filter((v): v is string => typeof v === "string") : undefined;
  } catch {
    return undefined;
  }
}

/** Without a choice: the params that differ (up to 4), then the first two metrics' last values. */
function defaultAxes(fields: ReturnType<typeof buildFields>): string[] {
  const params = fields.filter((f) => f.section === "Parameters" && isDifferent(f)).slice(0, 4);
  const metrics = fields.filter((f) => f.section === "Metrics" && !f.id.includes("@")).slice(0, 2);
  return [...params, ...metrics].map((f) => f.id);
}
