// What the model page shows, derived from the logged model: latest metric values grouped by
// dataset, and the registered versions MLflow lists in the mlflow.modelVersions tag.

type JsonValue = number | string | null;

export interface DatasetMetrics {
  dataset: string;
  digest: string;
  metrics: { key: string; value: JsonValue; step: number; timestamp: number }[];
}

/** The latest point of each metric per dataset (by step, then time), datasets and keys by name. */
export function metricsByDataset(points: { key: string; value: JsonValue; step: number; timestamp: number; datasetName?: string; datasetDigest?: string }[]): DatasetMetrics[] {
  const groups = new Map<string, DatasetMetrics>();
  for (const p of points) {
    const id = JSON.stringify([p.datasetName ?? "", p.datasetDigest ?? ""]);
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { dataset: p.datasetName ?? "", digest: p.datasetDigest ?? "", metrics: [] }));
    const at = group.metrics.findIndex((m) => m.key === p.key);
    const point = { key: p.key, value: p.value, step: p.step, timestamp: p.timestamp };
    if (at < 0) group.metrics.push(point);
    else if (p.step > group.metrics[at].step || (p.step === group.metrics[at].step && p.timestamp >= group.metrics[at].timestamp)) group.metrics[at] = point;
  }
  const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return [...groups.values()]
    .sort((a, b) => byName(a.dataset, b.dataset) || byName(a.digest, b.digest))
    .map((g) => ({ ...g, metrics: g.metrics.sort((a, b) => byName(a.key, b.key)) }));
}

/** `[{name, version}]` from the mlflow.modelVersions tag; anything unreadable counts as none. */
export function registrationsOf(tags: { key: string; value: string }[]): { name: string; version: number }[] {
  const text = tags.find((t) => t.key === "mlflow.modelVersions")?.value;
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed)
      ? parsed.flatMap((r) => (r && typeof r.name === "string" && (typeof r.version === "number" || typeof r.version === "string") ? [{ name: r.name, version: Number(r.version) }] : []))
      : [];
  } catch {
    return [];
  }
}
