import { z } from "zod";

// Field types shared by every service schema, accepting what MLflow's clients send: int64 as numbers or
// strings (Java, R), doubles as numbers or "NaN"/"Infinity"/"-Infinity", enums by name or number, single
// query values where lists are expected. tRPC callers send the plain types.

const INT_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

// Integrality is checked before the range, so that 1e20 is reported as out of range.
export const int64 = z
  .union([z.number().refine(Number.isInteger), z.string().regex(INT_TEXT).transform(Number)], {
    error: "expected an integer",
  })
  .pipe(z.number().refine(Number.isSafeInteger, "integer out of range"));

export const nonNegativeInt64 = int64.pipe(z.number().min(0, "must be non-negative"));

export const int32 = int64.pipe(z.number().min(-2147483648).max(2147483647));

const NON_FINITE: Record<string, number> = {
  nan: Number.NaN,
  infinity: Number.POSITIVE_INFINITY,
  "+infinity": Number.POSITIVE_INFINITY,
  inf: Number.POSITIVE_INFINITY,
  "-infinity": Number.NEGATIVE_INFINITY,
  "-inf": Number.NEGATIVE_INFINITY,
};

/** A double: any JSON number, a numeric string, or NaN / ±Infinity spelled as strings. */
const numericText = z.string().transform((text, ctx) => {
  const trimmed = text.trim();
  const special = NON_FINITE[trimmed.toLowerCase()];
  if (special !== undefined) return special;
  if (FLOAT_TEXT.test(trimmed)) return Number(trimmed);
  ctx.addIssue({ code: "custom", message: "expected a number" });
  return z.NEVER;
});
export const double = z.union([z.number(), numericText], { error: "expected a number" });

export const bool = z.union(
  [z.boolean(), z.enum(["true", "false", "True", "False"]).transform((text) => text.toLowerCase() === "true")],
  { error: "expected true or false" },
);

/** A required string: absent or "" is reported as a missing value, as MLflow does. */
export const requiredString = z.string().min(1);

/** A list of strings; a lone value (one query-string key) becomes a one-element list. */
export const stringList = z.preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.string()));

/** Experiment ids are strings on the wire but clients also send numbers. */
export const experimentIdField = z
  .union([z.string(), z.number().int()])
  .transform((v) => String(v))
  .pipe(requiredString);

export const experimentIdList = z.preprocess(
  (v) => (typeof v === "string" || typeof v === "number" ? [v] : v),
  z.array(experimentIdField),
);

function protoEnum<const T extends readonly [string, ...string[]]>(names: T, numbers: Record<number, T[number]>) {
  const expected = `expected one of ${names.join(", ")}`;
  const byNumber = z
    .union([z.number().int(), z.string().regex(/^\d+$/).transform(Number)])
    .transform((n, ctx) => {
      const name = numbers[n];
      if (name === undefined) {
        ctx.addIssue({ code: "custom", message: expected });
        return z.NEVER;
      }
      return name;
    });
  return z.union([z.enum(names), byNumber], { error: expected });
}

export const RUN_STATUSES = ["RUNNING", "SCHEDULED", "FINISHED", "FAILED", "KILLED"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const runStatus = protoEnum(RUN_STATUSES, { 1: "RUNNING", 2: "SCHEDULED", 3: "FINISHED", 4: "FAILED", 5: "KILLED" });

export const VIEW_TYPES = ["ACTIVE_ONLY", "DELETED_ONLY", "ALL"] as const;
export type ViewType = (typeof VIEW_TYPES)[number];
export const viewType = protoEnum(VIEW_TYPES, { 1: "ACTIVE_ONLY", 2: "DELETED_ONLY", 3: "ALL" });

/** Key/value pairs (tags, params). A null value is treated as "" as protobuf would. */
export const keyValue = z.object({
  key: requiredString,
  value: z
    .union([z.string(), z.null()])
    .optional()
    .transform((v) => v ?? ""),
});
export type KeyValue = { key: string; value: string };

/** MLflow 3 logged-model statuses, by their proto names (LOGGED_MODEL_STATUS_UNSPECIFIED = 0 is never stored). */
export const LOGGED_MODEL_STATUSES = ["LOGGED_MODEL_PENDING", "LOGGED_MODEL_READY", "LOGGED_MODEL_UPLOAD_FAILED"] as const;
export type LoggedModelStatus = (typeof LOGGED_MODEL_STATUSES)[number];
export const loggedModelStatus = protoEnum(LOGGED_MODEL_STATUSES, { 1: "LOGGED_MODEL_PENDING", 2: "LOGGED_MODEL_READY", 3: "LOGGED_MODEL_UPLOAD_FAILED" });
