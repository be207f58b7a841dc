import { and, not, or, sql, type SQL } from "drizzle-orm";
import type { Comparison, FilterExpr } from "./ast";

/** How an entity's compiler checks several comparisons of one key at once. */
export interface ClauseMerging {
  /**
   * A name shared by comparisons that one subquery can check together (the same key of a table
   * holding one row per entity and key, such as a run's latest metric), or undefined.
   */
  groupOf(c: Comparison): string | undefined;
  /** The SQL of a group of two or more comparisons. */
  compileGroup(group: Comparison[]): SQL;
}

/**
 * How many EXISTS of one filter PostgreSQL may turn into joins: joins are planned together, steeply
 * (40 → ~1 s, 100 → ~10 s on 2 cores, bench/search-limits), subplans alone (100 → ~20 ms). The first
 * few stay joins, as bench/search's selective filters want.
 */
const MAX_SUBQUERY_JOINS = 4;

export interface CompileOptions {
  merging?: ClauseMerging;
  /** True when `leaf` compiles this comparison to [NOT] EXISTS (never NULL, so `IS TRUE` keeps its value). */
  isSubquery?: (c: Comparison) => boolean;
}

/**
 * Folds AND / OR / NOT over the leaves without repeating work: exact duplicates within one AND or OR are
 * dropped and one AND's comparisons of a group share one subquery, so `metrics.loss > 0` AND-ed 200 times
 * is one probe, not 200 joins to plan.
 */
export function compileMerged(expr: FilterExpr, leaf: (c: Comparison) => SQL, options: CompileOptions = {}): SQL {
  let joinsLeft = MAX_SUBQUERY_JOINS;
  // Past the budget, `(exists …) is true`: PostgreSQL keeps it a subplan instead of pulling it up into a join.
  const bounded = (exists: SQL) => (joinsLeft-- > 0 ? exists : sql`(${exists}) is true`);
  const compileLeaf = (c: Comparison) => (options.isSubquery?.(c) ? bounded(leaf(c)) : leaf(c));
  const compileGroup = (group: Comparison[]) => (group.length === 1 ? compileLeaf(group[0]) : bounded(options.merging!.compileGroup(group)));
  return fold(expr, compileLeaf, compileGroup, options.merging);
}

function fold(expr: FilterExpr, leaf: (c: Comparison) => SQL, group: (cs: Comparison[]) => SQL, merging: ClauseMerging | undefined): SQL {
  const compile = (e: FilterExpr) => fold(e, leaf, group, merging);
  switch (expr.type) {
    case "compare":
      return leaf(expr);
    case "not":
      return not(compile(expr.item));
    case "or":
      return or(...withoutDuplicates(expr.items, merging).map(compile))!;
    case "and": {
      const parts: SQL[] = [];
      const groups = new Map<string, Comparison[]>();
      for (const item of withoutDuplicates(expr.items, merging)) {
        const group = item.type === "compare" ? merging?.groupOf(item) : undefined;
        if (group === undefined) {
          parts.push(compile(item));
        } else if (groups.has(group)) {
          groups.get(group)!.push(item as Comparison);
        } else {
          groups.set(group, [item as Comparison]);
        }
      }
      for (const comparisons of groups.values()) parts.push(group(comparisons));
      return and(...parts)!;
    }
  }
}

function withoutDuplicates(items: FilterExpr[], merging: ClauseMerging | undefined): FilterExpr[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    if (item.type !== "compare") return true;
    const identity = [merging?.groupOf(item) ?? `${item.field.prefix}.${item.field.key}`, item.op, JSON.stringify(item.value)].join("\u0000");
    if (seen.has(identity)) return false;
    seen.add(identity);
    return true;
  });
}
