"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import styles from "./parts.module.css";
import { ColumnHeads } from "@/app/_components/ui/column-heads";
import ui from "@/app/_components/ui/common.module.css";
import { RunCheckpoints } from "./run-checkpoints";
import { tagValue, type Run } from "./run-types";

/** MLflow 2 clients record each log_model call in this tag, as a JSON list. */
const MODEL_HISTORY_TAG = "mlflow.log-model.history";
const DATASET_CONTEXT_TAG = "mlflow.data.context";

interface HistoryModel {
  artifactPath: string;
  flavors: string[];
  created?: string;
}

function parseModelHistory(text: string | undefined): HistoryModel[] {
  if (!text) return [];
  try {
    const entries: unknown = JSON.parse(text);
    if (!Array.isArray(entries)) return [];
    return entries.flatMap((e) =>
      e && typeof e === "object" && typeof e.artifact_path === "string"
        ? [{ artifactPath: e.artifact_path, flavors: Object.keys(e.flavors ?? {}), created: typeof e.utc_time_created === "string" ? e.utc_time_created : undefined }]
        : [],
    );
  } catch {
    return []; // a hand-written tag that is not JSON is simply not a model list
  }
}

/** MLflow 3 outputs: logged models (checkpoints) with the step they were produced at. */
function modelOutputsOf(run: Run): { modelId: string; step?: number }[] {
  return (run.outputs.modelOutputs as unknown[]).flatMap((o) => {
    const output = o as { modelId?: unknown; step?: unknown };
    return typeof output?.modelId === "string" ? [{ modelId: output.modelId, step: typeof output.step === "number" ? output.step : undefined }] : [];
  });
}

/** Datasets the run read (inputs) and models it produced (outputs), each shown only when present. */
export function RunOutputs({ run }: { run: Run }) {
  const pathname = usePathname();
  const datasets = run.inputs.datasetInputs;
  const historyModels = parseModelHistory(tagValue(run, MODEL_HISTORY_TAG));
  const outputModels = modelOutputsOf(run);
  return (
    <>
      <section className={styles.section} aria-labelledby="run-datasets">
        <h2 id="run-datasets">Datasets</h2>
        {datasets.length === 0 ? (
          <p className={ui.muted}>No datasets logged (mlflow.log_input).</p>
        ) : (
          <table className={ui.table}>
            <ColumnHeads columns={["Name", "Digest", "Context", "Source"]} />
            <tbody>
              {datasets.map(({ dataset, tags }) => (
                <tr key={`${dataset.name}:${dataset.digest}`}>
                  <td>{dataset.name}</td>
                  <td className="mono">{dataset.digest}</td>
                  <td>{tags.find((t) => t.key === DATASET_CONTEXT_TAG)?.value ?? "—"}</td>
                  <td className={ui.value}>
                    <span className={ui.muted}>{dataset.sourceType}</span> <span className="mono">{dataset.source}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <RunCheckpoints runId={run.info.runId} />
      {/* Outputs whose model is not (or no longer) readable as a checkpoint still show their id. */}
      {(historyModels.length > 0 || outputModels.length > 0) && (
        <section className={styles.section} aria-labelledby="run-models">
          <h2 id="run-models">Logged models</h2>
          <ul className={styles.list}>
            {outputModels.map((m) => (
              <li key={m.modelId}>
                <Link className="mono" href={`/logged-models/${encodeURIComponent(m.modelId)}`}>{m.modelId}</Link>
                {m.step !== undefined && <span className={ui.muted}> at step {m.step}</span>}
              </li>
            ))}
            {historyModels.map((m) => (
              <li key={`${m.artifactPath}:${m.created}`}>
                <Link href={`${pathname}?tab=artifacts&artifact=${encodeURIComponent(m.artifactPath)}`}>{m.artifactPath}</Link>
                {m.flavors.length > 0 && <span className={ui.muted}> ({m.flavors.join(", ")})</span>}
                {m.created && <span className={ui.muted}> {m.created}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
