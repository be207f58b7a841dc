"""A realistic training script, run with the official MLflow Python client against Metron.

Written for MLflow 2.14 and 3.x alike; each step asserts what MLflow's own server would answer.
Run by server/testing/mlflow-clients/run.ts (npm run test:mlflow-client), which starts the server
and sets MLFLOW_TRACKING_URI. Prints one "step: ok" line per step; any failure raises.
"""

import json
import os
import tempfile
import uuid
import warnings

import mlflow
import pandas as pd
from mlflow import MlflowClient
from packaging.version import Version

warnings.filterwarnings("ignore")
VERSION = Version(mlflow.__version__)
MLFLOW_3 = VERSION.major >= 3
client = MlflowClient()
suffix = uuid.uuid4().hex[:8]


def step(name):
    print(f"{name}: ok", flush=True)


# --- Fluent API: experiment, parent run, params, tags, per-step metrics -----------------------
experiment_name = f"compat-{VERSION}-{suffix}"
experiment_id = mlflow.set_experiment(experiment_name).experiment_id
assert client.get_experiment_by_name(experiment_name).experiment_id == experiment_id

with mlflow.start_run(run_name="train") as parent:
    run_id = parent.info.run_id
    mlflow.log_params({"lr": 0.01, "optimizer": "adam", "epochs": 3})
    mlflow.set_tags({"team": "vision", "data-set": "mnist"})
    for epoch in range(3):
        # One request per call, as a training loop logs.
        mlflow.log_metric("loss", 1.0 / (epoch + 1), step=epoch)
        mlflow.log_metric("accuracy", 0.5 + epoch * 0.2, step=epoch)
    mlflow.log_metrics({"whole": 3, "tiny": 1e-7, "huge": 1e20})
    step("fluent params, tags and metrics")

    # --- Artifacts through the proxy: a file, a folder, text and a dict ---------------------
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "notes.txt")
        with open(path, "w") as f:
            f.write("first epoch was slow\n")
        mlflow.log_artifact(path)
        os.makedirs(os.path.join(tmp, "plots"))
        for name in ("a.csv", "b.csv"):
            with open(os.path.join(tmp, "plots", name), "w") as f:
                f.write("x,y\n1,2\n")
        mlflow.log_artifacts(os.path.join(tmp, "plots"), artifact_path="plots")
    mlflow.log_text("hello", "texts/hello.txt")
    mlflow.log_dict({"layers": [64, 32]}, "config.json")
    listed = sorted(a.path for a in client.list_artifacts(run_id))
    assert listed == ["config.json", "notes.txt", "plots", "texts"], listed
    assert sorted(a.path for a in client.list_artifacts(run_id, "plots")) == ["plots/a.csv", "plots/b.csv"]
    with tempfile.TemporaryDirectory() as dst:
        local = mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="plots", dst_path=dst)
        assert sorted(os.listdir(local)) == ["a.csv", "b.csv"]
    assert mlflow.artifacts.load_dict(f"runs:/{run_id}/config.json") == {"layers": [64, 32]}
    assert mlflow.artifacts.load_text(f"runs:/{run_id}/texts/hello.txt") == "hello"
    step("artifacts: log, list, download, load")

    # --- Nested runs ---------------------------------------------------------------------
    child_ids = []
    for fold in range(2):
        with mlflow.start_run(run_name=f"fold-{fold}", nested=True) as child:
            mlflow.log_metric("val_loss", 0.3 + fold / 10)
            child_ids.append(child.info.run_id)
    children = client.search_runs([experiment_id], f"tags.mlflow.parentRunId = '{run_id}'", order_by=["attributes.run_name ASC"])
    assert [r.info.run_name for r in children] == ["fold-0", "fold-1"], [r.info.run_name for r in children]
    step("nested runs")

    # --- Datasets -------------------------------------------------------------------------
    frame = pd.DataFrame({"x": [1, 2, 3], "y": [0, 1, 0]})
    dataset = mlflow.data.from_pandas(frame, name="mnist-train", targets="y")
    mlflow.log_input(dataset, context="training")
    inputs = client.get_run(run_id).inputs.dataset_inputs
    assert [(d.dataset.name, d.dataset.digest) for d in inputs] == [("mnist-train", dataset.digest)]
    assert {t.key: t.value for t in inputs[0].tags}["mlflow.data.context"] == "training"
    step("datasets")

    # --- A model: 2.x log_model records it through runs/log-model ---------------------------
    if not MLFLOW_3:
        import mlflow.pyfunc

        class Doubler(mlflow.pyfunc.PythonModel):
            def predict(self, context, model_input):
                return model_input * 2

        mlflow.pyfunc.log_model("model", python_model=Doubler(), pip_requirements=[])
        history = json.loads(client.get_run(run_id).data.tags["mlflow.log-model.history"])
        assert [m["artifact_path"] for m in history] == ["model"], history
        assert "python_function" in history[0]["flavors"]
        assert "MLmodel" in [a.path.split("/")[-1] for a in client.list_artifacts(run_id, "model")]
        step("pyfunc.log_model (runs/log-model)")

# --- Reading back: statuses, doubles as doubles, history, search --------------------------
run = client.get_run(run_id)
assert run.info.status == "FINISHED"
assert run.data.params == {"lr": "0.01", "optimizer": "adam", "epochs": "3"}
assert run.data.tags["team"] == "vision" and run.data.tags["data-set"] == "mnist"
assert run.data.metrics["whole"] == 3.0 and isinstance(run.data.metrics["whole"], float)
assert run.data.metrics["tiny"] == 1e-7 and run.data.metrics["huge"] == 1e20
history = client.get_metric_history(run_id, "loss")
assert [(m.step, m.value) for m in history] == [(0, 1.0), (1, 0.5), (2, 1 / 3)], history
step("get_run and get_metric_history")

found = mlflow.search_runs([experiment_id], filter_string="`params`.optimizer = 'adam' and metrics.loss < 0.5")
assert list(found["run_id"]) == [run_id], found
found = client.search_runs([experiment_id], "tags.`data-set` = 'mnist'", order_by=["metrics.loss DESC"])
assert [r.info.run_id for r in found] == [run_id]
# MLflow's server refuses these; so must Metron, for scripts to behave the same on both.
for bad in ("METRICS.loss < 1", "metrics.loss <> 1", "tags.data-set = 'mnist'", "metrics.loss < '1'"):
    try:
        client.search_runs([experiment_id], bad)
        raise AssertionError(f"accepted {bad!r}")
    except mlflow.exceptions.MlflowException as e:
        assert e.error_code == "INVALID_PARAMETER_VALUE", (bad, e.error_code)
step("search_runs (fluent and client), refused filters")

# --- MLflow 3: logged models (what flavor log_model does underneath) -----------------------
if MLFLOW_3:
    with mlflow.start_run(run_name="checkpoints") as ckpt_run:
        models = []
        for epoch, x in enumerate(["0", "4", "7"]):
            model = mlflow.initialize_logged_model(name=f"ckpt-{epoch}", model_type="cnn", params={"x": x}, tags={"stage": "dev"})
            with tempfile.TemporaryDirectory() as tmp:
                with open(os.path.join(tmp, "weights.txt"), "w") as f:
                    f.write(f"epoch {epoch}")
                client.log_model_artifacts(model.model_id, tmp)
            mlflow.finalize_logged_model(model.model_id, "READY")
            mlflow.log_metric("val_acc", 0.7 + epoch / 10, step=epoch, model_id=model.model_id, dataset=dataset)
            models.append(model.model_id)
    got = mlflow.get_logged_model(models[2])
    assert got.status.to_int() == 2 or str(got.status).endswith("READY"), got.status
    assert [(m.key, round(m.value, 6), m.dataset_name) for m in got.metrics] == [("val_acc", 0.9, "mnist-train")], got.metrics
    picked = mlflow.search_logged_models(
        experiment_ids=[experiment_id], filter_string="params.x IN ('0', '4') AND tags.stage NOT IN ('prod')", output_format="list"
    )
    assert sorted(m.name for m in picked) == ["ckpt-0", "ckpt-1"], [m.name for m in picked]
    best = mlflow.search_logged_models(
        experiment_ids=[experiment_id], order_by=[{"field_name": "metrics.val_acc", "ascending": False}], max_results=1, output_format="list"
    )
    assert best[0].model_id == models[2]
    step("logged models: initialize, artifacts, finalize, metrics, search with IN")

# --- Model registry -----------------------------------------------------------------------
model_name = f"compat-model-{suffix}"
client.create_registered_model(model_name, tags={"owner": "vision"}, description="digits")
version = client.create_model_version(model_name, f"runs:/{run_id}/model", run_id=run_id, tags={"fold": "all"})
assert version.version == "1"
client.set_registered_model_alias(model_name, "champion", "1")
assert client.get_model_version_by_alias(model_name, "champion").run_id == run_id
client.update_model_version(model_name, "1", description="first")
assert client.get_model_version(model_name, "1").description == "first"
assert [m.name for m in client.search_registered_models(f"name = '{model_name}'")] == [model_name]
assert [v.version for v in client.search_model_versions(f"name = '{model_name}'")] == ["1"]
client.delete_registered_model_alias(model_name, "champion")
client.delete_registered_model(model_name)
step("model registry")

print(f"MLflow {VERSION}: all steps passed", flush=True)
