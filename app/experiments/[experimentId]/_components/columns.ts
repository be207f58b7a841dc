// What a column id means and how the server sorts by it (see view-state.ts for the id syntax).

export type ColumnKind = "attribute" | "param" | "metric" | "tag";
export type MetricAggregate = "last" | "min" | "max";

export interface ColumnRef {
  id: string;
  kind: ColumnKind;
  key: string;
  aggregate: MetricAggregate;
}

export const ATTRIBUTES = {
  name: { label: "Run", orderBy: "attributes.run_name" },
  status: { label: "Status", orderBy: "attributes.status" },
  start: { label: "Started", orderBy: "attributes.start_time" },
  duration: { label: "Duration", orderBy: "attributes.duration" },
  user: { label: "User", orderBy: "attributes.user_id" },
  source: { label: "Source", orderBy: "tags.`mlflow.source.name`" },
  commit: { label: "Git commit", orderBy: "tags.`mlflow.source.git.commit`" },
  parent: { label: "Parent run", orderBy: "tags.`mlflow.parentRunId`" },
} as const;
export type AttributeName = keyof typeof ATTRIBUTES;

/** Tags the attribute columns read, requested with every page. */
export const SYSTEM_TAGS = {
  source: "mlflow.source.name",
  commit: "mlflow.source.git.commit",
  parent: "mlflow.parentRunId",
  user: "mlflow.user",
} as const;

export const DEFAULT_ATTRIBUTE_COLUMNS = ["a.name", "a.status", "a.start", "a.duration", "a.user", "a.source"];

const PREFIX_KIND: Record<string, ColumnKind> = { a: "attribute", p: "param", m: "metric", t: "tag" };

export function parseColumnId(id: string): ColumnRef | undefined {
  const kind = id[1] === "." ? PREFIX_KIND[id[0]] : undefined;
  if (!kind) return undefined;
  let key = id.slice(2);
  let aggregate: MetricAggregate = "last";
  if (kind === "metric") {
    const match = /@(min|max)$/.exec(key);
    if (match) {
      aggregate = match[1] as MetricAggregate;
      key = key.slice(0, -match[0].length);
    }
  }
  if (key === "" || (kind === "attribute" && !(key in ATTRIBUTES))) return undefined;
  return { id, kind, key, aggregate };
}

export const columnId = (kind: ColumnKind, key: string, aggregate: MetricAggregate = "last") =>
  `${{ attribute: "a", param: "p", metric: "m", tag: "t" }[kind]}.${key}${kind === "metric" && aggregate !== "last" ? `@${aggregate}` : ""}`;

export function columnLabel(ref: ColumnRef): string {
  if (ref.kind === "attribute") return ATTRIBUTES[ref.key as AttributeName].label;
  return ref.kind === "metric" && ref.aggregate !== "last" ? `${ref.key} (${ref.aggregate})` : ref.key;
}

/** A key as the filter and order_by grammar spells it: bare when it is a plain word, else in backticks. */
export function quoteKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? key : `\`${key.replace(/`/g, "``")}\``;
}

/**
 * The order_by clause for sorting by a column. Duration and a metric's min/max use Metron's order_by
 * extensions (`attributes.duration`, `metrics.`key@min``); undefined only for a column the server
 * cannot sort by.
 */
export function orderByFor(ref: ColumnRef, desc: boolean): string | undefined {
  const direction = desc ? "DESC" : "ASC";
  if (ref.kind === "attribute") {
    const field = ATTRIBUTES[ref.key as AttributeName].orderBy;
    return field && `${field} ${direction}`;
  }
  if (ref.kind === "metric" && ref.aggregate !== "last") return `metrics.${quoteKey(`${ref.key}@${ref.aggregate}`)} ${direction}`;
  const prefix = { param: "params", metric: "metrics", tag: "tags" }[ref.kind];
  return `${prefix}.${quoteKey(ref.key)} ${direction}`;
}
