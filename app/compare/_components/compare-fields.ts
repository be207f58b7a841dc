// The compared runs as fields (rows of the diff, axes of the parallel plot, scatter axes): one
// value per run for each param, metric (last, min, max), tag and a few attributes.

export type FieldValue = string | number | undefined;

export interface ComparedRun {
  runId: string;
  name: string;
  experimentId: string;
  experimentName: string;
  status: string;
  startTime: number;
  endTime?: number;
  params: Record<string, string>;
  /** Latest values; NaN/±Infinity as numbers. */
  metrics: Record<string, number>;
  tags: Record<string, string>;
  /** metric key → min/max of its history (absent until loaded). */
  ranges: Record<string, { min: number | null; max: number | null }>;
}

export type Section = "Attributes" | "Parameters" | "Metrics" | "Tags";

export interface Field {
  /** a.<name>, p.<param>, m.<metric>, m.<metric>@min|@max, t.<tag> */
  id: string;
  section: Section;
  label: string;
  values: FieldValue[];
  /** A number the plots can place; params are numeric when every run's value parses. */
  isNumeric: boolean;
}

const isFiniteNumberText = (v: string) => v.trim() !== "" && Number.isFinite(Number(v));

/** Every field of the runs, in sections, keys sorted; system tags (mlflow.*) are left out. */
export function buildFields(runs: readonly ComparedRun[]): Field[] {
  const keysOf = (pick: (r: ComparedRun) => Record<string, unknown>) => [...new Set(runs.flatMap((r) => Object.keys(pick(r))))].sort();
  const fields: Field[] = [
    { id: "a.experiment", section: "Attributes", label: "Experiment", values: runs.map((r) => r.experimentName), isNumeric: false },
    { id: "a.status", section: "Attributes", label: "Status", values: runs.map((r) => r.status), isNumeric: false },
    {
      id: "a.duration",
      section: "Attributes",
      label: "Duration (s)",
      values: runs.map((r) => (r.endTime === undefined ? undefined : (r.endTime - r.startTime) / 1000)),
      isNumeric: true,
    },
  ];
  for (const key of keysOf((r) => r.params)) {
    const values = runs.map((r) => r.params[key]);
    const defined = values.filter((v): v is string => v !== undefined);
    fields.push({ id: `p.${key}`, section: "Parameters", label: key, values, isNumeric: defined.length > 0 && defined.every(isFiniteNumberText) });
  }
  for (const key of keysOf((r) => r.metrics)) {
    fields.push({ id: `m.${key}`, section: "Metrics", label: key, values: runs.map((r) => r.metrics[key]), isNumeric: true });
    for (const end of ["min", "max"] as const) {
      fields.push({
        id: `m.${key}@${end}`,
        section: "Metrics",
        label: `${key} (${end})`,
        values: runs.map((r) => (r.metrics[key] === undefined ? undefined : (r.ranges[key]?.[end] ?? undefined))),
        isNumeric: true,
      });
    }
  }
  for (const key of keysOf((r) => r.tags).filter((k) => !k.startsWith("mlflow."))) {
    fields.push({ id: `t.${key}`, section: "Tags", label: key, values: runs.map((r) => r.tags[key]), isNumeric: false });
  }
  return fields;
}

/** Two cells hold the same value (NaN equals NaN; a missing value equals only a missing value). */
export function sameValue(a: FieldValue, b: FieldValue): boolean {
  if (typeof a === "number" && typeof b === "number") return Object.is(a, b) || a === b;
  return a === b;
}

/** Not every run has the same value. */
export const isDifferent = (field: Field) => field.values.some((v) => !sameValue(v, field.values[0]));

/** The value a plot places: numbers as they are, numeric params parsed, anything else undefined. */
export function numericValue(field: Field, index: number): number | undefined {
  const v = field.values[index];
  if (typeof v === "number") return Number.isFinite(v) ? v : undefined;
  if (field.isNumeric && typeof v === "string") return Number(v);
  return undefined;
}

/** The fields in another run order (the baseline first). */
export function reorderFields(fields: readonly Field[], order: readonly number[]): Field[] {
  return fields.map((f) => ({ ...f, values: order.map((i) => f.values[i]) }));
}
