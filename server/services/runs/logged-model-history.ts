import { invalidParameter } from "../errors";

/** The run tag where MLflow's server records each `runs/log-model` call, as a JSON list. */
export const LOGGED_MODEL_HISTORY_TAG = "mlflow.log-model.history";

const REQUIRED_FIELDS = ["artifact_path", "flavors", "utc_time_created", "run_id"] as const;

/**
 * The history entry for one `model_json`, checked as MLflow's server checks it and reduced as MLflow 3
 * does (Model.get_tags_dict): run_id, artifact_path, utc_time_created, model_uuid and flavors without
 * `config`. (MLflow fails with a 500 on JSON or flavors that are not an object.)
 */
export function historyEntryOf(modelJson: string): Record<string, unknown> {
  let model: unknown;
  try {
    model = JSON.parse(modelJson);
  } catch {
    throw invalidParameter(`Malformed model info. \n ${modelJson} \n is not a valid JSON.`);
  }
  if (model === null || typeof model !== "object" || Array.isArray(model)) {
    throw invalidParameter(`Malformed model info. \n ${modelJson} \n is not a JSON object.`);
  }
  const fields = model as Record<string, unknown>;
  const missing = REQUIRED_FIELDS.filter((name) => !Object.hasOwn(fields, name));
  if (missing.length > 0) {
    throw invalidParameter(`Model json is missing mandatory fields: {${missing.map((name) => `'${name}'`).join(", ")}}`);
  }
  const { flavors } = fields;
  if (flavors === null || typeof flavors !== "object" || Array.isArray(flavors)) {
    throw invalidParameter(`Malformed model info: 'flavors' must be a JSON object, got ${JSON.stringify(flavors)}.`);
  }
  return {
    run_id: fields.run_id,
    artifact_path: fields.artifact_path,
    utc_time_created: fields.utc_time_created,
    model_uuid: fields.model_uuid ?? null,
    flavors: Object.fromEntries(Object.entries(flavors).map(([name, config]) => [name, withoutConfig(config)])),
  };
}

function withoutConfig(flavor: unknown): unknown {
  if (flavor === null || typeof flavor !== "object" || Array.isArray(flavor)) return flavor;
  return Object.fromEntries(Object.entries(flavor).filter(([key]) => key !== "config"));
}

/** The history tag's value with `entry` appended; a value that is not a JSON list is refused, never overwritten. */
export function appendToHistory(runId: string, current: string | undefined, entry: Record<string, unknown>): string {
  if (current === undefined) return JSON.stringify([entry]);
  let list: unknown;
  try {
    list = JSON.parse(current);
  } catch {
    list = undefined;
  }
  if (!Array.isArray(list)) {
    throw invalidParameter(`The tag '${LOGGED_MODEL_HISTORY_TAG}' of run ${runId} is not a JSON list; delete or fix it to log models.`);
  }
  return JSON.stringify([...list, entry]);
}
