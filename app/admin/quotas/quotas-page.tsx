"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import common from "@/app/_components/ui/common.module.css";
import styles from "@/app/_components/sharing/sharing.module.css";
import { formatBytes, QuotaCell } from "./quota-cell";

const LIMIT_FIELDS = [
  ["maxRuns", "Active runs"],
  ["maxParamsPerRun", "Params per run"],
  ["maxTagsPerRun", "Tags per run"],
  ["maxMetricStepsPerRun", "Metric steps per run"],
  ["maxArtifactBytes", "Artifact bytes"],
] as const;
type LimitField = (typeof LIMIT_FIELDS)[number][0];

export function QuotasPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const usage = useQuery(trpc.quotas.usage.queryOptions({}));
  const save = useMutation(trpc.quotas.setExperiment.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.quotas.usage.queryKey() }) }));
  const [editing, setEditing] = useState<{ experimentId: string; values: Record<LimitField, string> } | null>(null);

  if (usage.isPending) return <main><p className="muted" role="status">Loading quotas…</p></main>;
  if (usage.error) return <main><h1>Quotas</h1><p role="alert" className={common.error}>{usage.error.message}</p></main>;
  const { server, experiments } = usage.data;
  const serverRows: [string, number | undefined][] = [
    ["Active runs per experiment (METRON_QUOTA_MAX_RUNS_PER_EXPERIMENT)", server.maxRunsPerExperiment],
    ["Params per run (METRON_QUOTA_MAX_PARAMS_PER_RUN)", server.maxParamsPerRun],
    ["Tags per run (METRON_QUOTA_MAX_TAGS_PER_RUN)", server.maxTagsPerRun],
    ["Metric steps per run (METRON_QUOTA_MAX_METRIC_STEPS_PER_RUN)", server.maxMetricStepsPerRun],
    ["Artifact bytes per experiment (METRON_QUOTA_MAX_ARTIFACT_BYTES_PER_EXPERIMENT)", server.maxArtifactBytesPerExperiment],
    ["Requests per minute per API token (METRON_QUOTA_REQUESTS_PER_MINUTE_PER_TOKEN)", server.requestsPerMinutePerToken],
  ];
  const submit = () => {
    if (!editing) return;
    const toLimit = (v: string) => (v.trim() === "" ? null : Number(v));
    save.mutate(
      { experimentId: editing.experimentId, ...Object.fromEntries(LIMIT_FIELDS.map(([f]) => [f, toLimit(editing.values[f])])) } as Parameters<typeof save.mutate>[0],
      { onSuccess: () => setEditing(null) },
    );
  };
  return (
    <main style={{ maxWidth: 1400 }}>
      <h1>Quotas</h1>
      <h2>Server-wide</h2>
      <table className={styles.table} aria-label="Server-wide quotas">
        <tbody>
          {serverRows.map(([label, value]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td className={styles.number}>{value === undefined ? "no limit" : label.startsWith("Artifact") ? formatBytes(value) : value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>Per experiment</h2>
      <p className="muted">Usage against the limit in force: the experiment’s own where set (✎), else the server-wide one. For per-run limits, the run nearest its limit.</p>
      {save.error && <p role="alert" className={common.error}>{save.error.message}</p>}
      <table className={styles.table} aria-label="Experiment quotas">
        <thead>
          <tr>
            <th>Experiment</th>
            {LIMIT_FIELDS.map(([f, label]) => (
              <th key={f} className={styles.number}>{label}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {experiments.map((e) => (
            <tr key={e.experimentId}>
              <td>
                <Link href={`/experiments/${e.experimentId}`}>{e.name}</Link> {e.own && <span title="Has its own limits">✎</span>}
              </td>
              <QuotaCell used={e.activeRuns} limit={e.limits.maxRuns} />
              <QuotaCell used={e.largestRunParams} limit={e.limits.maxParamsPerRun} />
              <QuotaCell used={e.largestRunTags} limit={e.limits.maxTagsPerRun} />
              <QuotaCell used={e.largestRunMetricSteps} limit={e.limits.maxMetricStepsPerRun} />
              <QuotaCell used={e.artifactBytes} limit={e.limits.maxArtifactBytes} format={formatBytes} />
              <td>
                <button
                  type="button"
                  onClick={() =>
                    setEditing({ experimentId: e.experimentId, values: Object.fromEntries(LIMIT_FIELDS.map(([f]) => [f, e.own?.[f]?.toString() ?? ""])) as Record<LimitField, string> })
                  }
                >
                  Set limits
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing && (
        <form
          aria-label={`Limits of experiment ${editing.experimentId}`}
          onSubmit={(ev) => {
            ev.preventDefault();
            submit();
          }}
        >
          <h2>Limits of experiment {editing.experimentId}</h2>
          <p className="muted">Empty: the server-wide limit applies.</p>
          {LIMIT_FIELDS.map(([f, label]) => (
            <label key={f} className={styles.field}>
              {label}
              <input
                type="number"
                min={0}
                value={editing.values[f]}
                onChange={(ev) => setEditing({ ...editing, values: { ...editing.values, [f]: ev.target.value } })}
              />
            </label>
          ))}
          <div className={styles.dialogActions}>
            <button type="submit" disabled={save.isPending}>Save</button>
            <button type="button" onClick={() => setEditing(null)}>Cancel</button>
          </div>
        </form>
      )}
    </main>
  );
}
