/** The MLflow server version whose REST API Metron implements; GET /version answers it. */
export const MLFLOW_COMPATIBLE_VERSION = "3.6.0";
