// The alembic revisions of MLflow's SQL schema this importer knows, oldest first (MLflow 1.x →
// 3.x). The reader asks SQLite which tables and columns exist, so every revision below reads with
// the same code; a revision missing here is a schema nobody has checked, and the import stops.
export const KNOWN_MLFLOW_REVISIONS = [
  "451aebb31d03", // add metric step (1.x)
  "90e64c465722", // user column to tags
  "181f10493468", // metric is_nan
  "df50e92ffc5e", // experiment tags
  "7ac759974ad8", // larger run tag values
  "89d4b8295536", // latest_metrics
  "2b4d017a5e9b", // model registry
  "cfd24bdc0731", // KILLED status
  "0a8213491aaa",
  "728d730b5ebd", // registered model tags
  "27a6a02d2cf1", // model version tags
  "84291f40a231", // run_link
  "a8c4a736bde6",
  "39d1c3be5f05",
  "c48cb773bb87",
  "bd07f7e963c5", // run_uuid indexes
  "0c779009ac13", // runs.deleted_time
  "cc1f77228345",
  "97727af70f4d", // experiment creation/update times (2.x)
  "3500859a5d39", // model aliases
  "7f2a7d5fae7d", // datasets, inputs, input tags
  "2d6e25af4d3e",
  "acf3f17fdcc7", // storage_location
  "867495a8f9d4", // traces
  "5b0e9adcef9c",
  "4465047574b1",
  "f5a4f2784254",
  "0584bdc529eb",
  "400f98739977", // logged models (3.0)
  "6953534de441", // inputs.step
  "bda7b8c39065",
  "cbc13b556ace",
  "770bee3ae1dd",
  "a1b2c3d4e5f6",
  "de4033877273",
  "1a0cddfcaa16", // webhooks
  "534353b11cbc",
  "71994744cf8e",
  "3da73c924c2f",
  "bf29a5ff90ea", // jobs (3.5/3.6)
  "1b5f0d9ad7c1", // workspaces
] as const;

export const NEWEST_KNOWN_REVISION = KNOWN_MLFLOW_REVISIONS[KNOWN_MLFLOW_REVISIONS.length - 1];
