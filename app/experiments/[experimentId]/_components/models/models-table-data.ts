// Pure helpers of the experiment's Models tab: the metric columns a page of logged models needs
// and the order_by the URL's sort asks for (the search_logged_models grammar's structured order).

export interface ModelMetricLike {
  key: string;
  value: number | string | null;
  step: number;
  datasetName?: string;
}

export interface MetricColumn {
  id: string;
  key: string;
  dataset: string;
}

/** One column per (dataset, metric) present on the page, grouped by dataset then name. */
export function metricColumnsOf(models: { data: { metrics: ModelMetricLike[] } }[]): MetricColumn[] {
  const seen = new Map<string, MetricColumn>();
  for (const model of models) {
    for (const m of model.data.metrics) {
      const dataset = m.datasetName ?? "";
      const id = `${m.key}@${dataset}`;
      if (!seen.has(id)) seen.set(id, { id, key: m.key, dataset });
    }
  }
  return [...seen.values()].sort((a, b) => (a.dataset === b.dataset ? (a.key < b.key ? -1 : 1) : a.dataset < b.dataset ? -1 : 1));
}

/** The latest (last-stepped) value of each (dataset, metric) of one model, and its highest step. */
export function latestMetrics(metrics: ModelMetricLike[]): { values: Map<string, number | string | null>; step: number | null } {
  const values = new Map<string, { value: number | string | null; step: number }>();
  let step: number | null = null;
  for (const m of metrics) {
    const id = `${m.key}@${m.datasetName ?? ""}`;
    const current = values.get(id);
    if (!current || m.step >= current.step) values.set(id, { value: m.value, step: m.step });
    if (step === null || m.step > step) step = m.step;
  }
  return { values: new Map([...values].map(([id, v]) => [id, v.value])), step };
}

export interface ModelSort {
  field: string;
  dataset?: string;
  ascending: boolean;
}

export const DEFAULT_MODEL_SORT: ModelSort = { field: "creation_timestamp", ascending: false };

/** URL form: `asc|desc~<field>[~<dataset>]`, e.g. `asc~metrics.loss~val`. */
export function parseModelSort(text: string): ModelSort {
  const [direction, field, ...dataset] = text.split("~");
  if ((direction !== "asc" && direction !== "desc") || !field) return DEFAULT_MODEL_SORT;
  return { field, dataset: dataset.length > 0 ? dataset.join("~") : undefined, ascending: direction === "asc" };
}

export function serializeModelSort(sort: ModelSort): string {
  return [sort.ascending ? "asc" : "desc", sort.field, ...(sort.dataset !== undefined ? [sort.dataset] : [])].join("~");
}

/** The request's order_by: the chosen field, then newest first and model id so pages never overlap. */
export function orderByOf(sort: ModelSort) {
  const first = { fieldName: sort.field, ascending: sort.ascending, ...(sort.dataset ? { datasetName: sort.dataset } : {}) };
  return sort.field === "creation_timestamp" ? [first] : [first, { fieldName: "creation_timestamp", ascending: false }];
}
