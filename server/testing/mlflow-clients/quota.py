# Logs past a params quota of 2 with the official client and prints what its user reads.
import time

import mlflow
from mlflow.exceptions import MlflowException

mlflow.set_experiment("quota")
with mlflow.start_run() as run:
    mlflow.log_params({"a": 1, "b": 2})
    started = time.time()
    try:
        mlflow.log_param("c", 3)
        print("NOT REFUSED")
    except MlflowException as e:
        print(f"run={run.info.run_id}")
        print(f"error_code={e.error_code}")
        print(f"message={e.message}")
        print(f"seconds={time.time() - started:.0f}")
