/** Parsed filter expressions. Leaves are comparisons of one field against a value. */
export type FilterExpr =
  | { type: "and"; items: FilterExpr[] }
  | { type: "or"; items: FilterExpr[] }
  | { type: "not"; item: FilterExpr }
  | Comparison;

export type Comparator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "LIKE" | "ILIKE" | "IN" | "NOT IN" | "IS NULL" | "IS NOT NULL";

/** What an identifier names, before it is checked against an entity (runs, experiments …). */
export interface FieldRef {
  /** The prefix as written ("metrics", "tag", "attr", "`params`" …); "" when absent. */
  prefix: string;
  key: string;
  pos: number;
}

export interface Comparison {
  type: "compare";
  field: FieldRef;
  op: Comparator;
  /** number for bare numbers, string for quoted values, string[] for IN lists, null for IS [NOT] NULL. */
  value: number | string | string[] | null;
  pos: number;
}

export interface OrderByClause {
  field: FieldRef;
  ascending: boolean;
}
