import { invalidParameter, MlflowError } from "../../services/errors";
import type { RestRequest } from "../http/exchange";
import { renameKeysDeep, snakeToCamel } from "./case";

/** Bodies larger than this are refused before they are read (log-batch has its own 1 MB limit). */
export const DEFAULT_MAX_BODY_BYTES = 16 * 1024 * 1024;

/**
 * Reads an MLflow request into the camelCase object the service schemas parse. Handles the wire
 * quirks of MLflow's clients: GET fields in the query string (a repeated key is a list), JSON bodies
 * on POST/PATCH/DELETE (a JSON *string* body is decoded once more, an empty body is {}), the
 * Content-Type check MLflow applies, and run_uuid as the deprecated alias of run_id.
 */
export async function readMlflowRequest(req: RestRequest, maxBodyBytes = DEFAULT_MAX_BODY_BYTES): Promise<Record<string, unknown>> {
  const hasQueryFields = req.method === "GET" || req.method === "HEAD";
  const fields = hasQueryFields ? fromQueryString(req.url) : await fromJsonBody(req, maxBodyBytes);
  if ((fields.run_id === undefined || fields.run_id === "") && fields.run_uuid !== undefined) fields.run_id = fields.run_uuid;
  return renameKeysDeep(fields, snakeToCamel) as Record<string, unknown>;
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
  const text = new TextDecoder().decode(bytes).trim();
  if (text === "") return {};
  let parsed = parseJson(text);
  if (typeof parsed === "string") parsed = parsed.trim() === "" ? {} : parseJson(parsed);
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    throw invalidParameter("Invalid request body: expected a JSON object");
  }
  if (isNestedDeeperThan(parsed, MAX_NESTING_DEPTH)) {
    throw invalidParameter(`Invalid request body: JSON nested deeper than ${MAX_NESTING_DEPTH} levels`);
  }
  return parsed as Record<string, unknown>;
}

/**
 * No MLflow message nests more than a few levels. The walks that follow (key renaming, error
 * messages) recurse, so a body nested thousands deep would overflow the stack and answer 500.
 */
const MAX_NESTING_DEPTH = 32;

function isNestedDeeperThan(value: unknown, levels: number): boolean {
  if (!value || typeof value !== "object") return false;
  if (levels === 0) return true;
  return Object.values(value).some((v) => isNestedDeeperThan(v, levels - 1));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw invalidParameter(`Malformed JSON in request body: ${(err as Error).message}`);
  }
}

function bodyTooLarge(size: number, limit: number): MlflowError {
  return invalidParameter(`Request body of ${size} bytes exceeds the limit of ${limit} bytes for this endpoint.`);
}
