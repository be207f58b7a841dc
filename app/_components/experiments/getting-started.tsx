"use client";
import { useOrigin } from "../shell/use-origin";
import styles from "./experiment-list.module.css";

/** How to log runs, with this server's own URL: shown on an empty server, and on request once runs exist. */
export function GettingStarted({ hasRuns }: { hasRuns: boolean }) {
  const origin = useOrigin() || "http://<this-server>";
  const shell = `export MLFLOW_TRACKING_URI=${origin}`;
  const python = [
    "import mlflow",
    "",
    'mlflow.set_experiment("my-first-experiment")',
    "with mlflow.start_run():",
    '    mlflow.log_param("learning_rate", 0.01)',
    "    for step in range(10):",
    '        mlflow.log_metric("loss", 1 / (step + 1), step=step)',
  ].join("\n");
  return (
    <aside className={styles.gettingStarted} aria-labelledby="getting-started-title">
      <h2 id="getting-started-title">{hasRuns ? "How to log runs" : "No runs yet: log your first one"}</h2>
      <p>Any MLflow client can log to this server. Point it here:</p>
      <pre data-testid="tracking-uri-snippet">
        <code>{shell}</code>
      </pre>
      <p>then run, for example with Python (<code>pip install mlflow</code>):</p>
      <pre>
        <code>{python}</code>
      </pre>
      <p className="muted">The run appears here as soon as it starts, with its parameters, metrics and artifacts.</p>
    </aside>
  );
}
