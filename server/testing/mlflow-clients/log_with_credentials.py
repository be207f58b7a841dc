"""Logs one run with the official MLflow client, using whatever credentials the environment holds
(MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME + MLFLOW_TRACKING_PASSWORD). Prints the run id.
Run by server/rest/auth/python-client-auth.int.test.ts."""

import os
import warnings

import mlflow

warnings.filterwarnings("ignore")
mlflow.set_experiment(os.environ["METRON_EXPERIMENT"])
with mlflow.start_run(run_name=os.environ["METRON_RUN_NAME"]) as run:
    mlflow.log_param("lr", 0.01)
    for step in range(3):
        mlflow.log_metric("loss", 1.0 / (step + 1), step=step)
print(run.info.run_id, flush=True)
