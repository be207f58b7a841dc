"use client";
import { useEffect, useState } from "react";
import styles from "./runs-table.module.css";

/** An experiment without runs: how to log the first one, with this server's own URL filled in. */
export function EmptyExperiment({ experimentName, experimentId }: { experimentName?: string; experimentId: string }) {
  const [origin, setOrigin] = useState("http://<this server>");
  useEffect(() => setOrigin(window.location.origin), []);
  const name = experimentName ?? `experiment ${experimentId}`;
  const python = [
    "import mlflow",
    "",
    `mlflow.set_experiment(${JSON.stringify(name)})`,
    "with mlflow.start_run():",
    '    mlflow.log_param("lr", 0.01)',
    '    mlflow.log_metric("loss", 0.42, step=1)',
  ].join("\n");
  return (
    <section className={styles.empty} data-testid="empty-experiment">
      <h2>No runs yet</h2>
      <p>Point any MLflow client at this server and start a run in this experiment:</p>
      <pre className={styles.code} data-testid="tracking-snippet">
        <code>{`MLFLOW_TRACKING_URI=${origin} python train.py`}</code>
      </pre>
      <p>where train.py logs to “{name}”, for example:</p>
      <pre className={styles.code}>
        <code>{python}</code>
      </pre>
      <p className={styles.muted}>Runs appear here as they are created; running ones refresh live.</p>
    </section>
  );
}

/** A view whose filter, facets or view type match nothing: say so and offer the way back. */
export function NoMatches({ onReset }: { onReset(): void }) {
  return (
    <section className={styles.empty} data-testid="no-matches">
      <h2>No runs match</h2>
      <p>Nothing in this experiment matches the current filter, status facets and view.</p>
      <button type="button" className={styles.button} onClick={onReset}>
        Show all active runs
      </button>
    </section>
  );
}
