import { beforeEach, describe, expect, it } from "vitest";
import { createExperiment, createRun, get, post, uniqueName } from "../../testing/api";

const HINT = "See the API docs for more information about request parameters.";
const HISTORY = "mlflow.log-model.history";

// model_json exactly as MLflow 2.14's Python client writes it (Model.to_json() of an sklearn
// model, wrapped by RestStore.record_logged_model), with RUN standing for the run id.
const PYTHON_MODEL_JSON = (runId: string) =>
  `{"run_id": "${runId}", "artifact_path": "model", "utc_time_created": "2026-12-07 00:17:15.791767", "flavors": {"python_function": {"loader_module": "mlflow.sklearn", "python_version": "3.11.2", "env": {"conda": "conda.yaml", "virtualenv": "python_env.yaml"}, "config": {"device": "cpu"}}, "sklearn": {"pickled_model": "model.pkl", "sklearn_version": "1.2.1", "serialization_format": "cloudpickle", "code": null}}, "model_uuid": "756af2a91d664358977c0169060a25db", "mlflow_version": "2.14.3.dev0"}`;
// What R's mlflow_log_model sends (jsonlite::toJSON(model_spec, auto_unbox = TRUE), no spaces, no model_uuid).
const R_MODEL_JSON = (runId: string) =>
  `{"utc_time_created":"2026-12-07 00:20:01","run_id":"${runId}","artifact_path":"r-model","flavors":{"crate":{"version":"0.1.0","model":"crate.bin"}}}`;

const errorOf = (res: { status: number; body: { error_code: string; message: string } }) => ({ status: res.status, ...res.body });
const historyOf = async (runId: string) => {
  const run = (await get("runs/get", { run_id: runId })).body.run;
  const tag = run.data.tags.find((t: { key: string }) => t.key === HISTORY);
  return tag === undefined ? undefined : JSON.parse(tag.value);
};

describe("POST runs/log-model", () => {
  let experimentId: string;
  let runId: string;
  beforeEach(async () => {
    experimentId ??= await createExperiment(uniqueName("log-model"));
    runId = await createRun(experimentId);
  });

  it("records the Python and R clients' models in mlflow.log-model.history, as MLflow 3 reduces them", async () => {
    const python = await post("runs/log-model", { run_id: runId, model_json: PYTHON_MODEL_JSON(runId) });
    expect([python.status, python.text]).toEqual([200, "{}"]);
    const r = await post("runs/log-model", { run_id: runId, model_json: R_MODEL_JSON(runId) });
    expect([r.status, r.body]).toEqual([200, {}]);
    const history = await historyOf(runId);
    expect(history).toEqual([
      {
        run_id: runId,
        artifact_path: "model",
        utc_time_created: "2026-12-07 00:17:15.791767",
        model_uuid: "756af2a91d664358977c0169060a25db",
        // The flavors' `config` is left out, as Model.get_tags_dict leaves it out.
        flavors: {
          python_function: { loader_module: "mlflow.sklearn", python_version: "3.11.2", env: { conda: "conda.yaml", virtualenv: "python_env.yaml" } },
          sklearn: { pickled_model: "model.pkl", sklearn_version: "1.2.1", serialization_format: "cloudpickle", code: null },
        },
      },
      { run_id: runId, artifact_path: "r-model", utc_time_created: "2026-12-07 00:20:01", model_uuid: null, flavors: { crate: { version: "0.1.0", model: "crate.bin" } } },
    ]);
    expect(Object.keys(history[0])).toEqual(["run_id", "artifact_path", "utc_time_created", "model_uuid", "flavors"]);
  });

  // Bodies as MLflow.js's logModel sends them: {run_id, model_json: JSON.stringify(model)}.
  it("keeps every entry when many clients log models to one run at the same time", async () => {
    const calls = Array.from({ length: 12 }, (_, i) =>
      post("runs/log-model", { run_id: runId, model_json: JSON.stringify({ run_id: runId, artifact_path: `m${i}`, utc_time_created: "t", flavors: {} }) }),
    );
    expect((await Promise.all(calls)).map((res) => res.status)).toEqual(Array(12).fill(200));
    const paths = (await historyOf(runId)).map((m: { artifact_path: string }) => m.artifact_path);
    expect(paths.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `m${i}`).sort());
  });

  it("answers 400 for model_json that is missing, not a string, not JSON, not an object or lacks fields", async () => {
    const cases: [unknown, string][] = [
      [{ run_id: runId }, `Missing value for required parameter 'model_json'. ${HINT}`],
      [{ model_json: "{}" }, `Missing value for required parameter 'run_id'. ${HINT}`],
      [{ run_id: runId, model_json: 5 }, `Invalid value 5 for parameter 'model_json' supplied: Invalid input: expected string, received number. ${HINT}`],
      [{ run_id: runId, model_json: "{not json" }, "Malformed model info. \n {not json \n is not a valid JSON."],
      [{ run_id: runId, model_json: "[1, 2]" }, "Malformed model info. \n [1, 2] \n is not a JSON object."],
      [{ run_id: runId, model_json: '{"artifact_path": "m", "run_id": "r"}' }, "Model json is missing mandatory fields: {'flavors', 'utc_time_created'}"],
      [
        { run_id: runId, model_json: '{"artifact_path": "m", "run_id": "r", "utc_time_created": "t", "flavors": []}' },
        "Malformed model info: 'flavors' must be a JSON object, got [].",
      ],
    ];
    for (const [body, message] of cases) {
      expect(errorOf(await post("runs/log-model", body)), JSON.stringify(body)).toEqual({ status: 400, error_code: "INVALID_PARAMETER_VALUE", message });
    }
    expect(await historyOf(runId)).toBeUndefined();
  });

  it("refuses unknown and deleted runs, and a history tag that is not a JSON list, writing nothing", async () => {
    const model = (id: string) => JSON.stringify({ run_id: id, artifact_path: "m", utc_time_created: "t", flavors: {} });
    const unknown = "0".repeat(32);
    expect(errorOf(await post("runs/log-model", { run_id: unknown, model_json: model(unknown) }))).toEqual({
      status: 404,
      error_code: "RESOURCE_DOES_NOT_EXIST",
      message: `Run with id=${unknown} not found`,
    });
    await post("runs/set-tag", { run_id: runId, key: HISTORY, value: "hand-written" });
    expect(errorOf(await post("runs/log-model", { run_id: runId, model_json: model(runId) }))).toEqual({
      status: 400,
      error_code: "INVALID_PARAMETER_VALUE",
      message: `The tag '${HISTORY}' of run ${runId} is not a JSON list; delete or fix it to log models.`,
    });
    expect((await get("runs/get", { run_id: runId })).body.run.data.tags.find((t: { key: string }) => t.key === HISTORY).value).toBe("hand-written");
    await post("runs/delete", { run_id: runId });
    expect(errorOf(await post("runs/log-model", { run_id: runId, model_json: model(runId) }))).toEqual({
      status: 400,
      error_code: "INVALID_PARAMETER_VALUE",
      message: `The run ${runId} must be in the 'active' state. Current state is deleted.`,
    });
  });

  it("refuses the model that would take the history past MLflow's 8000-character tag limit, keeping the earlier ones", async () => {
    const big = (i: number) =>
      JSON.stringify({ run_id: runId, artifact_path: `m${i}`, utc_time_created: "t", flavors: { python_function: { loader_module: "x".repeat(1800) } } });
    for (let i = 0; i < 4; i++) expect((await post("runs/log-model", { run_id: runId, model_json: big(i) })).status).toBe(200);
    expect(errorOf(await post("runs/log-model", { run_id: runId, model_json: big(4) }))).toEqual({
      status: 400,
      error_code: "INVALID_PARAMETER_VALUE",
      message: `The run ${runId} has too many logged models: its '${HISTORY}' tag would exceed the maximum length of 8000 characters.`,
    });
    expect((await historyOf(runId)).map((m: { artifact_path: string }) => m.artifact_path)).toEqual(["m0", "m1", "m2", "m3"]);
  });
});
