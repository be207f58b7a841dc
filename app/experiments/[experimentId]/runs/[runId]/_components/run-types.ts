import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/app-router";

type Outputs = inferRouterOutputs<AppRouter>["runPage"];
export type Run = Outputs["get"]["run"];
export type MetricSummary = Outputs["metricSummaries"]["summaries"][number];
export type ArtifactFile = Outputs["listArtifacts"]["files"][number];

/** While a run is RUNNING the page polls this often, so it follows the run without a reload. */
export const LIVE_REFRESH_MS = 3000;

/** MLflow's own tags: shown apart from the user's and read-only, as MLflow's UI does. */
export const isSystemTag = (key: string) => key.startsWith("mlflow.");

export const NOTE_TAG = "mlflow.note.content";

export const tagValue = (run: Run, key: string) => run.data.tags.find((t) => t.key === key)?.value;
