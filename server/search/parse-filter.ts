import { invalidParameter } from "../mlflow-error";
import type { Comparator, Comparison, FieldRef, FilterExpr } from "./ast";
import { checkFilterLength, FilterBudget } from "./search-limits";
import { tokenize, type Token } from "./tokenizer";

/**
 * Parses a filter string into an AST. MLflow's grammar is comparisons joined by AND; Metron also
 * accepts OR, NOT and parentheses (AND binds tighter than OR). Returns undefined for an empty
 * filter. Field names are not checked here: each entity's compiler knows its own fields.
 */
export function parseFilter(filter: string | undefined): FilterExpr | undefined {
  if (!filter) return undefined;
  // MLflow matches everything for an empty filter but refuses one of blanks only.
  if (filter.trim() === "") throw invalidParameter(`Invalid filter '${filter}'. Could not be parsed.`);
  checkFilterLength(filter);
  const parser = new Parser(filter, tokenize(filter));
  const expr = parser.parseOr();
  parser.expectEnd();
  return expr;
}

/**
 * Splits an identifier token into prefix and key ("metrics.a.b" → metrics / a.b). The prefix is
 * kept as written (MLflow's prefixes are case-sensitive: METRICS.acc is refused), backticks included.
 */
export function toFieldRef(token: Token): FieldRef {
  if (token.quotedKey !== undefined) {
    return { prefix: token.text.replace(/\.$/, ""), key: token.quotedKey, pos: token.pos };
  }
  const dot = token.text.indexOf(".");
  if (dot < 0) return { prefix: "", key: token.text, pos: token.pos };
  return { prefix: token.text.slice(0, dot), key: token.text.slice(dot + 1), pos: token.pos };
}

class Parser {
  private index = 0;
  private readonly budget = new FilterBudget();

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parseOr(): FilterExpr {
    const items = [this.parseAnd()];
    while (this.acceptKeyword("OR")) items.push(this.parseAnd());
    return items.length === 1 ? items[0] : { type: "or", items };
  }

  expectEnd(): void {
    const token = this.peek();
    if (token) throw this.error(`unexpected '${describe(token)}'; expected AND, OR or the end of the filter`, token);
  }

  private parseAnd(): FilterExpr {
    const items = [this.parseUnary()];
    // A trailing AND ends the filter, as MLflow's parser lets it.
    while (this.acceptKeyword("AND") && this.peek()) items.push(this.parseUnary());
    return items.length === 1 ? items[0] : { type: "and", items };
  }

  private parseUnary(): FilterExpr {
    if (this.acceptKeyword("NOT")) return { type: "not", item: this.nested(() => this.parseUnary()) };
    const token = this.peek();
    if (token?.kind === "lparen") {
      this.index++;
      const inner = this.nested(() => this.parseOr());
      this.expect("rparen", "')'");
      return inner;
    }
    this.budget.countComparison();
    return this.parseComparison();
  }

  /** One level deeper: counted first, so that hostile nesting stops long before the stack does. */
  private nested<T>(parse: () => T): T {
    this.budget.enterNesting();
    const result = parse();
    this.budget.leaveNesting();
    return result;
  }

  private parseComparison(): Comparison {
    const token = this.next("a field such as metrics.loss, params.lr, tags.name or status");
    if (token.kind !== "identifier" && !(token.kind === "string" && token.quote === '"')) {
      throw this.error(`expected a field such as metrics.loss, params.lr or status, found '${describe(token)}'`, token);
    }
    const field = toFieldRef(token);
    const opToken = this.next("a comparison operator");
    const op = this.readComparator(opToken);
    const value = this.readValue(op, opToken);
    return { type: "compare", field, op, value, pos: token.pos };
  }

  private readComparator(token: Token): Comparator {
    if (token.kind === "operator" && token.text === "<>") throw this.error("invalid comparator '<>'; use '!='", token);
    if (token.kind === "operator") return token.text as Comparator;
    if (token.kind === "keyword") {
      if (token.text === "LIKE" || token.text === "ILIKE" || token.text === "IN") return token.text;
      if (token.text === "NOT") {
        this.expectKeyword("IN");
        return "NOT IN";
      }
      if (token.text === "IS") {
        const negated = this.acceptKeyword("NOT");
        this.expectKeyword("NULL");
        return negated ? "IS NOT NULL" : "IS NULL";
      }
    }
    throw this.error(`expected a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE, IN, NOT IN, IS NULL), found '${describe(token)}'`, token);
  }

  private readValue(op: Comparator, opToken: Token): Comparison["value"] {
    if (op === "IS NULL" || op === "IS NOT NULL") return null;
    if (op === "IN" || op === "NOT IN") {
      this.expect("lparen", `'(' after ${op}`);
      const values: string[] = [];
      do {
        const item = this.next("a quoted value");
        if (item.kind !== "string") throw this.error(`expected a quoted value in the ${op} list, found '${describe(item)}'`, item);
        this.budget.countListValue();
        values.push(item.text);
      } while (this.accept("comma"));
      this.expect("rparen", `')' closing the ${op} list`);
      return values;
    }
    const token = this.next(`a value after '${opToken.text}'`);
    if (token.kind === "number") return Number(token.text);
    if (token.kind === "string") return token.text;
    throw this.error(`expected a number or a quoted string after '${opToken.text}', found '${describe(token)}'`, token);
  }

  private peek(): Token | undefined {
    return this.tokens[this.index];
  }

  private next(expected: string): Token {
    const token = this.tokens[this.index++];
    if (!token) throw invalidParameter(`Invalid filter '${this.source}': expected ${expected} at the end of the filter (position ${this.source.length})`);
    return token;
  }

  private accept(kind: Token["kind"]): boolean {
    if (this.peek()?.kind !== kind) return false;
    this.index++;
    return true;
  }

  private acceptKeyword(word: string): boolean {
    const token = this.peek();
    if (token?.kind !== "keyword" || token.text !== word) return false;
    this.index++;
    return true;
  }

  private expect(kind: Token["kind"], expected: string): void {
    const token = this.next(expected);
    if (token.kind !== kind) throw this.error(`expected ${expected}, found '${describe(token)}'`, token);
  }

  private expectKeyword(word: string): void {
    const token = this.next(word);
    if (token.kind !== "keyword" || token.text !== word) throw this.error(`expected ${word}, found '${describe(token)}'`, token);
  }

  private error(message: string, token: Token) {
    return invalidParameter(`Invalid filter '${this.source}': ${message} at position ${token.pos}`);
  }
}

function describe(token: Token): string {
  if (token.kind === "string") return `${token.quote}${token.text}${token.quote}`;
  if (token.quotedKey !== undefined) return `${token.text}\`${token.quotedKey}\``;
  return token.text;
}
