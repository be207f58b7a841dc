import { invalidParameter } from "../mlflow-error";

export type TokenKind = "identifier" | "string" | "number" | "operator" | "keyword" | "lparen" | "rparen" | "comma";

export interface Token {
  kind: TokenKind;
  /** Identifier text (with a quoted key already unquoted), string contents, or upper-cased keyword. */
  text: string;
  /** Offset in the filter string, for error messages. */
  pos: number;
  /** For identifiers: the key part was quoted (so dots inside it are not prefix separators). */
  quotedKey?: string;
  /** For strings: the quote character used. */
  quote?: string;
}

const KEYWORDS = new Set(["AND", "OR", "NOT", "IN", "LIKE", "ILIKE", "IS", "NULL", "ASC", "DESC"]);
// "<>" is read so that the parser can refuse it by name (MLflow refuses it).
const OPERATORS = ["!=", "<>", "<=", ">=", "=", "<", ">"];
const IDENT_START = /[\p{L}_]/u;
// As in MLflow, a key with a dash, colon, slash or space must be quoted: tags.`data-set`.
const IDENT_PART = /[\p{L}\p{N}_.]/u;
// No leading "+": MLflow's SQL tokenizer does not read one as part of a number.
const NUMBER = /^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?/;

/** Splits a filter or order_by clause into tokens; unknown characters are reported by position. */
export function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === "(") {
      tokens.push({ kind: "lparen", text: ch, pos: i++ });
    } else if (ch === ")") {
      tokens.push({ kind: "rparen", text: ch, pos: i++ });
    } else if (ch === ",") {
      tokens.push({ kind: "comma", text: ch, pos: i++ });
    } else if (ch === "'" || ch === '"' || ch === "`") {
      const { text, end } = readQuoted(input, i);
      const previous = tokens[tokens.length - 1];
      // `tags.` immediately followed by a quoted key: one identifier, e.g. tags.`mlflow.runName`.
      if (previous?.kind === "identifier" && previous.text.endsWith(".") && previous.pos + previous.text.length === i && !previous.quotedKey) {
        previous.quotedKey = text;
      } else if (ch === "`" && input[end] === ".") {
        // A backticked entity, `params`.lr: the prefix keeps its backticks (only run search accepts it, as in MLflow).
        let keyEnd = end + 1;
        while (keyEnd < input.length && IDENT_PART.test(input[keyEnd])) keyEnd++;
        tokens.push({ kind: "identifier", text: input.slice(i, keyEnd), pos: i });
        i = keyEnd;
        continue;
      } else if (ch === "`") {
        tokens.push({ kind: "identifier", text: "", quotedKey: text, pos: i });
      } else {
        tokens.push({ kind: "string", text, quote: ch, pos: i });
      }
      i = end;
    } else if (/[0-9.-]/.test(ch) && NUMBER.test(input.slice(i))) {
      const match = NUMBER.exec(input.slice(i))!;
      tokens.push({ kind: "number", text: match[0], pos: i });
      i += match[0].length;
    } else if (IDENT_START.test(ch)) {
      const start = i;
      while (i < input.length && IDENT_PART.test(input[i])) i++;
      const word = input.slice(start, i);
      if (KEYWORDS.has(word.toUpperCase())) tokens.push({ kind: "keyword", text: word.toUpperCase(), pos: start });
      else tokens.push({ kind: "identifier", text: word, pos: start });
    } else {
      const op = OPERATORS.find((o) => input.startsWith(o, i));
      if (!op) throw invalidParameter(`Invalid filter: unexpected character '${ch}' at position ${i} in '${input}'`);
      tokens.push({ kind: "operator", text: op, pos: i });
      i += op.length;
    }
  }
  return tokens;
}

/** Reads a quoted run starting at `start`; a doubled quote character stands for itself. */
function readQuoted(input: string, start: number): { text: string; end: number } {
  const quote = input[start];
  let text = "";
  let i = start + 1;
  while (i < input.length) {
    if (input[i] === "\\" && i + 1 < input.length && (input[i + 1] === quote || input[i + 1] === "\\")) {
      text += input[i + 1];
      i += 2;
    } else if (input[i] === quote) {
      if (input[i + 1] === quote) {
        text += quote;
        i += 2;
      } else {
        return { text, end: i + 1 };
      }
    } else {
      text += input[i++];
    }
  }
  throw invalidParameter(`Invalid filter: unterminated ${quote} quote starting at position ${start} in '${input}'`);
}
