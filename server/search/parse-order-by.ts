import { invalidParameter } from "../mlflow-error";
import type { OrderByClause } from "./ast";
import { toFieldRef } from "./parse-filter";
import { tokenize } from "./tokenizer";

/** Parses one order_by clause: "<field> [ASC|DESC]". */
export function parseOrderByClause(clause: string): OrderByClause {
  const tokens = tokenize(clause);
  const [field, direction, extra] = tokens;
  const isField = field && (field.kind === "identifier" || (field.kind === "string" && field.quote === '"'));
  if (!isField) throw invalidParameter(`Invalid order_by clause '${clause}': expected a field name`);
  if (direction && !(direction.kind === "keyword" && (direction.text === "ASC" || direction.text === "DESC"))) {
    throw invalidParameter(`Invalid order_by clause '${clause}': expected ASC or DESC at position ${direction.pos}`);
  }
  if (extra) throw invalidParameter(`Invalid order_by clause '${clause}': unexpected '${extra.text}' at position ${extra.pos}`);
  return { field: toFieldRef(field), ascending: direction?.text !== "DESC" };
}
