"use client";
import { useMemo, useState } from "react";
import { buildParallelOption } from "@/app/_components/charts/build-parallel-option";
import { buildScatterOption } from "@/app/_components/charts/build-scatter-option";
import { EChart } from "@/app/_components/charts/echart";
import { useChartTheme } from "@/app/_components/charts/use-chart-theme";
import { numericValue, type ComparedRun, type Field } from "./compare-fields";
import { CheckControl, Control } from "@/app/_components/ui/controls";
import styles from "./compare.module.css";

/** Params, metrics, duration and status can be axes; names and tags are not worth one. */
const plottable = (f: Field) => f.section === "Parameters" || f.section === "Metrics" || f.id === "a.duration" || f.id === "a.status";

/** Parallel coordinates over the chosen params and metrics (the picker on the left). */
export function ParallelView({ runs, fields, labels, colors, chosen, setChosen }: { runs: ComparedRun[]; fields: Field[]; labels: Map<string, string>; colors: Map<string, string>; chosen: string[]; setChosen(ids: string[]): void }) {
  const theme = useChartTheme();
  const byId = useMemo(() => new Map(fields.map((f) => [f.id, f])), [fields]);
  const axes = chosen.flatMap((id) => byId.get(id) ?? []);
  const option = useMemo(
    () =>
      buildParallelOption({
        axes: axes.map((f) => ({ label: f.label, isNumeric: f.isNumeric, values: f.values })),
        runs: runs.map((r) => ({ runId: r.runId, label: labels.get(r.runId) ?? r.name, color: colors.get(r.runId) ?? "#888888" })),
        theme,
      }),
    [axes.map((f) => f.id).join("\u0000"), runs, labels, colors, theme], // eslint-disable-line react-hooks/exhaustive-deps
  );
  return (
    <div className={styles.plotPanel}>
      <FieldPicker fields={fields.filter(plottable)} chosen={chosen} setChosen={setChosen} />
      <div className={styles.plot} data-testid="parallel-plot" data-axes={axes.length} data-lines={runs.length}>
        {axes.length < 2 ? <p className={styles.muted}>Choose at least two params or metrics on the left.</p> : <EChart option={option} style={{ width: "100%", height: "100%" }} aria-label="Parallel coordinates" />}
      </div>
    </div>
  );
}

function FieldPicker({ fields, chosen, setChosen }: { fields: Field[]; chosen: string[]; setChosen(ids: string[]): void }) {
  const [search, setSearch] = useState("");
  const needle = search.trim().toLowerCase();
  const shown = fields.filter((f) => !needle || f.label.toLowerCase().includes(needle));
  let lastSection = "";
  return (
    <div className={styles.picker} role="group" aria-label="Axes">
      <input type="search" placeholder="Search params and metrics" aria-label="Search axes" value={search} onChange={(e) => setSearch(e.target.value)} />
      <div className={styles.pickerList}>
        {shown.slice(0, 500).map((f) => {
          const header = f.section !== lastSection ? <div className={styles.pickerGroup}>{f.section}</div> : null;
          lastSection = f.section;
          const isOn = chosen.includes(f.id);
          return (
            <div key={f.id}>
              {header}
              <label title={f.label}>
                <input type="checkbox" checked={isOn} onChange={() => setChosen(isOn ? chosen.filter((c) => c !== f.id) : [...chosen, f.id])} />
                {f.label}
              </label>
            </div>
          );
        })}
      </div>
    </div>
  );
}

export interface ScatterChoice {
  x: string;
  y: string;
  logX: boolean;
  logY: boolean;
}

/** Any param or metric (x) against any metric (y), one dot per run, log axes on demand. */
export function ScatterView({ runs, fields, labels, colors, choice, setChoice }: { runs: ComparedRun[]; fields: Field[]; labels: Map<string, string>; colors: Map<string, string>; choice: ScatterChoice; setChoice(patch: Partial<ScatterChoice>): void }) {
  const theme = useChartTheme();
  const xFields = fields.filter((f) => f.section === "Parameters" || f.section === "Metrics" || f.id === "a.duration");
  const yFields = fields.filter((f) => f.section === "Metrics" || f.id === "a.duration");
  const xField = xFields.find((f) => f.id === choice.x);
  const yField = yFields.find((f) => f.id === choice.y);
  const option = useMemo(() => {
    if (!xField || !yField) return undefined;
    return buildScatterOption({
      points: runs.map((r, i) => ({
        runId: r.runId,
        label: labels.get(r.runId) ?? r.name,
        color: colors.get(r.runId) ?? "#888888",
        x: xField.isNumeric ? numericValue(xField, i) : xField.values[i],
        y: numericValue(yField, i),
      })),
      xLabel: xField.label,
      yLabel: yField.label,
      isXCategory: !xField.isNumeric,
      logX: choice.logX,
      logY: choice.logY,
      theme,
    });
  }, [xField, yField, runs, labels, colors, choice.logX, choice.logY, theme]);
  const dots = option ? ((option.series as { data: unknown[] }[])[0]?.data.length ?? 0) : 0;
  return (
    <>
      <div className={styles.controls}>
        <FieldSelect label="X" fields={xFields} value={choice.x} onChange={(x) => setChoice({ x })} />
        <FieldSelect label="Y" fields={yFields} value={choice.y} onChange={(y) => setChoice({ y })} />
        <CheckControl label="Log x" checked={choice.logX} onChange={(logX) => setChoice({ logX })} />
        <CheckControl label="Log y" checked={choice.logY} onChange={(logY) => setChoice({ logY })} />
      </div>
      <div className={styles.plot} data-testid="scatter-plot" data-dots={dots}>
        {option ? <EChart option={option} style={{ width: "100%", height: "100%" }} aria-label={`${yField!.label} against ${xField!.label}`} /> : <p className={styles.muted}>Choose what goes on each axis.</p>}
      </div>
    </>
  );
}

function FieldSelect({ label, fields, value, onChange }: { label: string; fields: Field[]; value: string; onChange(id: string): void }) {
  return (
    <Control label={label}>
      <select className={styles.fieldSelect} value={value} onChange={(e) => onChange(e.target.value)} aria-label={`${label} axis`}>
        <option value="">—</option>
        {fields.map((f) => (
          <option key={f.id} value={f.id}>
            {f.section === "Parameters" ? `param ${f.label}` : f.section === "Metrics" ? `metric ${f.label}` : f.label}
          </option>
        ))}
      </select>
    </Control>
  );
}
