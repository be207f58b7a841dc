import { and, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { latestMetrics, params, runs, tags } from "../db/schema";
import { invalidParameter } from "../mlflow-error";
import { singleSegment, type SortKey, type SegmentedOrder } from "./keyset";
import { parseOrderByClause } from "./parse-order-by";
import { entityOf, NUMERIC_ATTRIBUTES, STRING_ATTRIBUTES } from "./run-fields";
import { checkOrderBy } from "./search-limits";

export interface RunOrderJoin {
  table: typeof latestMetrics | typeof params | typeof tags;
  on: SQL;
}

/**
 * ORDER BY as keyset keys: the requested keys (missing values last), then start_time DESC and
 * run_id, so that the order is total and every page boundary is exact. Metric, param and tag keys
 * become LEFT JOINs on their (run_uuid, key) primary keys.
 */
export function compileRunOrder(clauses: string[]): { joins: RunOrderJoin[]; order: SegmentedOrder } {
  checkOrderBy(clauses);
  const joins: RunOrderJoin[] = [];
  const keys: SortKey[] = [];
  let hasStartTime = false;
  let firstMetric: typeof latestMetrics | undefined;
  const join = <T extends typeof latestMetrics | typeof params | typeof tags>(table: T, key: string): T => {
    const joined = alias(table, `order_${joins.length}`) as unknown as T;
    joins.push({ table: joined, on: and(eq(joined.runUuid, runs.runUuid), eq(joined.key, key))! });
    return joined;
  };
  for (const clause of clauses) {
    const { field, ascending } = parseOrderByClause(clause);
    const { key } = field;
    switch (entityOf(field)) {
      case "metric": {
        // Metron extension: `metrics.`loss@min`` / `@max` orders by the extreme of the whole history
        // ("@" cannot occur in a metric key). NaN points are skipped; runs without a number sort last.
        const extreme = /^(.*)@(min|max)$/s.exec(key);
        if (extreme) {
          const fn = sql.raw(extreme[2]);
          keys.push({
            expr: sql`(select ${fn}(h.value) from metrics h where h.run_uuid = ${runs.runUuid} and h.key = ${extreme[1]} and not h.is_nan)`,
            ascending,
            type: "float8",
            nullable: true,
          });
          break;
        }
        // As MLflow's SQL store: numbers first (in the requested direction), then NaN, then missing,
        // whatever the direction. is_nan sorts false < true < null; NaN rows all hold value 0.
        const metric = join(latestMetrics, key);
        if (keys.length === 0) firstMetric = metric;
        keys.push(
          { expr: sql`${metric.isNan}`, ascending: true, type: "bool", nullable: true },
          { expr: sql`${metric.value}`, ascending, type: "float8", nullable: true },
        );
        break;
      }
      case "param":
        keys.push({ expr: sql`${join(params, key).value}`, ascending, type: "text", nullable: true });
        break;
      case "tag":
        keys.push({ expr: sql`${join(tags, key).value}`, ascending, type: "text", nullable: true });
        break;
      case "attribute": {
        if (key === "duration") {
          // Metron extension: end_time - start_time; runs still going (no end time) sort last.
          keys.push({ expr: sql`(${runs.endTime} - ${runs.startTime})`, ascending, type: "bigint", nullable: true });
          break;
        }
        const name = key === "Created" ? "created" : key;
        const isNumeric = Object.hasOwn(NUMERIC_ATTRIBUTES, name);
        const column = Object.hasOwn(STRING_ATTRIBUTES, name) ? STRING_ATTRIBUTES[name] : isNumeric ? NUMERIC_ATTRIBUTES[name] : undefined;
        if (!column) throw invalidParameter(`Invalid order_by clause '${clause}': unknown attribute '${key}'`);
        if (name === "start_time" || name === "created") hasStartTime = true;
        keys.push({ expr: column, ascending, type: isNumeric ? "bigint" : "text", nullable: name === "end_time" });
        break;
      }
      case "dataset":
        throw invalidParameter(`Invalid order_by clause '${clause}': runs cannot be ordered by dataset fields`);
    }
  }
  if (!hasStartTime) keys.push({ expr: sql`${runs.startTime}`, ascending: false, type: "bigint", nullable: false });
  keys.push({ expr: sql`${runs.runUuid}`, ascending: true, type: "text", nullable: false });
  return { joins, order: firstMetric ? metricFirstOrder(firstMetric, keys) : singleSegment(keys) };
}

/**
 * An order led by a metric as three queries: numeric values (an index walk that stops after a page), then
 * NaN, then runs without it. As one query the LEFT JOIN makes PostgreSQL sort every run first.
 * keys[0] is is_nan, keys[1] the value; the rest order within each part.
 */
function metricFirstOrder(metric: typeof latestMetrics, keys: SortKey[]): SegmentedOrder {
  const [, value, ...rest] = keys;
  const restKeys = rest.map((key, i) => ({ key, at: i + 2 }));
  return {
    keys,
    segments: [
      {
        where: sql`not ${metric.isNan}`,
        keys: [{ key: { ...value, nullable: false, btreeNulls: true }, at: 1 }, ...restKeys],
        walkedRunId: sql`${metric.runUuid}`,
        walkedExperimentId: sql`${metric.experimentId}`,
      },
      { where: sql`${metric.isNan}`, keys: restKeys, walkedRunId: sql`${metric.runUuid}`, walkedExperimentId: sql`${metric.experimentId}` },
      { where: sql`${metric.isNan} is null`, keys: restKeys },
    ],
    segmentOf: ([isNan]) => (isNan === false ? 0 : isNan === true ? 1 : 2),
  };
}
