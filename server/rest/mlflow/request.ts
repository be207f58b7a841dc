import { invalidParameter, MlflowError, PayloadTooLarge } from "../../services/errors";
import type { RestRequest } from "../http/exchange";
import { decodeUtf8Body } from "../http/strict-utf8";
import { snakeToCamel } from "./case";

/** Bodies larger than this are refused before they are read (log-batch has its own 1 MB limit). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads an MLflow request into the camelCase object the service schemas parse, with the clients' quirks:
 * GET fields in the query (repeated key = list), JSON bodies (a JSON *string* decoded once more, empty =
 * {}), MLflow's Content-Type check, and run_uuid as run_id's deprecated alias.
 */
export async function readMlflowRequest(req: RestRequest, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const hasQueryFields = req.method === "GET" || req.method === "HEAD";
  const fields = hasQueryFields ? fromQueryString(req.url) : await fromJsonBody(req, maxBodyBytes);
  if ((fields.run_id === undefined || fields.run_id === "") && fields.run_uuid !== undefined) fields.run_id = fields.run_uuid;
  return camelCaseKeysInPlace(fields, MAX_NESTING_DEPTH) as Record<string, unknown>;
}

function fromQueryString(url: URL): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    fields[key] = values.length === 1 ? values[0] : values;
  }
  return fields;
}

async function fromJsonBody(req: RestRequest, maxBodyBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(req.header("content-length") ?? "0");
  if (declared > maxBodyBytes) throw bodyTooLarge(declared, maxBodyBytes);
  const bytes = await req.readBody();
  if (bytes.byteLength > maxBodyBytes) throw bodyTooLarge(bytes.byteLength, maxBodyBytes);

  const contentType = (req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const isJsonRequired = req.method === "POST" || req.method === "PUT" || req.method === "PATCH";
  if (isJsonRequired && contentType !== "application/json") {
    throw invalidParameter("Bad Request. Content-Type must be one of [application/json]");
  }
  const text = decodeUtf8Body(bytes).trim();
  if (text === "") return {};
  let parsed = parseJson(text);
  if (typeof parsed === "string") parsed = parsed.trim() === "" ? {} : parseJson(parsed);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalidParameter("Invalid request body: expected a JSON object");
  }
  return parsed as Record<string, unknown>;
}

/**
 * No MLflow message nests more than a few levels. The walks over a request (key renaming, error
 * messages) recurse, so a body nested thousands deep would overflow the stack and answer 500.
 */
const MAX_NESTING_DEPTH = 32;

/**
 * Renames the keys of a freshly read request (nobody else holds it) to camelCase, refusing one
 * nested deeper than `levels`. Objects whose keys need no renaming — most of a log-batch's 1000
 * metric objects — are kept rather than copied: the body is walked once and allocates little.
 */
function camelCaseKeysInPlace(value: unknown, levels: number): unknown {
  if (!value || typeof value !== "object") return value;
  if (levels === 0) throw invalidParameter(`Invalid request body: JSON nested deeper than ${MAX_NESTING_DEPTH} levels`);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = camelCaseKeysInPlace(value[i], levels - 1);
    return value;
  }
  const fields = value as Record<string, unknown>;
  const keys = Object.keys(fields);
  let isCamelCase = true;
  for (const key of keys) {
    fields[key] = camelCaseKeysInPlace(fields[key], levels - 1);
    if (key.includes("_")) isCamelCase = false;
  }
  if (isCamelCase) return fields;
  const renamed: Record<string, unknown> = {};
  for (const key of keys) renamed[snakeToCamel(key)] = fields[key];
  return renamed;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalidParameter(`Malformed JSON in request body: ${(err as Error).message}`);
  }
}

function bodyTooLarge(size: number, limit: number): MlflowError {
  return new PayloadTooLarge(size, limit);
}
