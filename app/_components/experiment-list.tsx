"use client";
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "./trpc";

/** Every active experiment, newest first, each with its most recent runs. */
export function ExperimentList() {
  const trpc = useTRPC();
  const experiments = useQuery(trpc.experiments.search.queryOptions({ maxResults: 100 }));
  if (experiments.isPending) return <p className="muted">Loading experiments…</p>;
  if (experiments.isError) return <p role="alert">Could not load experiments: {experiments.error.message}</p>;
  return (
    <ul className="experiments">
      {experiments.data.experiments.map((experiment) => (
        <li key={experiment.experimentId} data-testid="experiment">
          <h2>
            {experiment.name} <span className="muted">#{experiment.experimentId}</span>
          </h2>
          <ExperimentRuns experimentId={experiment.experimentId} />
        </li>
      ))}
    </ul>
  );
}

function ExperimentRuns({ experimentId }: { experimentId: string }) {
  const trpc = useTRPC();
  const runs = useQuery(trpc.runs.search.queryOptions({ experimentIds: [experimentId], maxResults: 20 }));
  if (runs.isPending) return <p className="muted">Loading runs…</p>;
  if (runs.isError) return <p role="alert">Could not load runs: {runs.error.message}</p>;
  if (runs.data.runs.length === 0) return <p className="muted">No runs yet.</p>;
  return (
    <table className="runs">
      <thead>
        <tr>
          <th>Run</th>
          <th>Status</th>
          <th>Started</th>
          <th>Latest metrics</th>
        </tr>
      </thead>
      <tbody>
        {runs.data.runs.map((run) => (
          <tr key={run.info.runId} data-testid="run">
            <td>{run.info.runName}</td>
            <td>
              <span className={`status status-${run.info.status.toLowerCase()}`}>{run.info.status}</span>
            </td>
            <td>{new Date(run.info.startTime).toISOString().replace("T", " ").slice(0, 19)}</td>
            <td>
              {run.data.metrics
                .slice(0, 4)
                .map((m) => `${m.key}=${formatValue(m.value)}`)
                .join("  ")}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function formatValue(value: number | null): string {
  if (value === null || Number.isNaN(value)) return "NaN";
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}
