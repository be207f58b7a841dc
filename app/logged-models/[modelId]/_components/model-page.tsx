"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo } from "react";
import { ColumnHeads } from "@/app/_components/ui/column-heads";
import { useTRPC } from "@/app/_components/trpc";
import { CopyLinkButton } from "@/app/_components/ui/copy-link-button";
import ui from "@/app/_components/ui/common.module.css";
import { formatMetricValue, formatTime } from "@/app/_components/ui/format";
import { TabPanel, Tabs } from "@/app/_components/ui/tabs";
import { useQueryState } from "nuqs";
import { loggedModelParams } from "@/app/logged-models/[modelId]/search-params";
import { ModelArtifacts } from "./model-artifacts";
import { metricsByDataset, registrationsOf } from "./model-view";
import styles from "./model-page.module.css";

const TAB_IDS = ["overview", "artifacts"] as const;
const STATUS_LABELS: Record<string, string> = { LOGGED_MODEL_PENDING: "pending", LOGGED_MODEL_READY: "ready", LOGGED_MODEL_UPLOAD_FAILED: "upload failed" };

/** A logged model: overview, metrics per dataset, params, tags, registered versions and its files. */
export function ModelPage({ modelId }: { modelId: string }) {
  const trpc = useTRPC();
  const [tabParam, setTab] = useQueryState("tab", loggedModelParams.tab);
  const tab = (TAB_IDS as readonly string[]).includes(tabParam) ? tabParam : "overview";
  const query = useQuery({ ...trpc.loggedModels.get.queryOptions({ modelId }), retry: false });
  const info = query.data?.model.info;
  const runId = info?.sourceRunId;
  const run = useQuery({ ...trpc.compare.runs.queryOptions({ runIds: runId ? [runId] : [] }), enabled: Boolean(runId), retry: false });
  const experimentName = run.data?.experiments.find((e) => e.experimentId === info?.experimentId)?.name;
  const runName = run.data?.runs[0]?.info.runName;
  const datasets = useMemo(() => metricsByDataset(query.data?.model.data.metrics ?? []), [query.data]);

  if (query.isPending) return <main className={styles.main}><p className="muted">Loading model…</p></main>;
  if (query.isError || !info) {
    return (
      <main className={styles.main}>
        <h1 className={styles.title}>Model not available</h1>
        <p role="alert">{query.error?.message}</p>
      </main>
    );
  }
  const { data } = query.data.model;
  const registrations = registrationsOf(info.tags);
  const userTags = info.tags.filter((t) => !t.key.startsWith("mlflow."));
  const systemTags = info.tags.filter((t) => t.key.startsWith("mlflow."));
  return (
    <main className={styles.main}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link href="/">Experiments</Link>
        <span aria-hidden="true">/</span>
        <Link href={`/experiments/${info.experimentId}?tab=models`}>{experimentName ?? `Experiment ${info.experimentId}`} · models</Link>
        <span aria-hidden="true">/</span>
        <span aria-current="page">{info.name}</span>
      </nav>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>{info.name}</h1>
        <span className={styles.status}>{STATUS_LABELS[info.status] ?? info.status}</span>
        <span className="mono muted">{info.modelId}</span>
        <span className={styles.spacer} />
        {runId && (
          <Link className={styles.button} href={`/checkpoints?runs=${runId}`}>
            Compare this run’s checkpoints
          </Link>
        )}
        <CopyLinkButton />
      </div>
      <Tabs tabs={[{ id: "overview", label: "Overview" }, { id: "artifacts", label: "Artifacts" }]} selected={tab} onSelect={(id) => setTab(id, { history: "push" })} idPrefix="model" />
      <TabPanel id={tab} idPrefix="model">
        {tab === "artifacts" ? (
          <ModelArtifacts modelId={info.modelId} artifactUri={info.artifactUri} />
        ) : (
          <div className={styles.sections}>
            <section aria-labelledby="model-about">
              <h2 id="model-about">About</h2>
              <dl className={styles.facts}>
                <dt>Source run</dt>
                <dd>{runId ? <Link href={`/experiments/${info.experimentId}/runs/${runId}`}>{runName ?? runId}</Link> : "—"}</dd>
                <dt>Created</dt>
                <dd>{formatTime(info.creationTimestampMs)}</dd>
                <dt>Last updated</dt>
                <dd>{formatTime(info.lastUpdatedTimestampMs)}</dd>
                <dt>Model type</dt>
                <dd>{info.modelType || "—"}</dd>
                {info.statusMessage && (
                  <>
                    <dt>Status message</dt>
                    <dd>{info.statusMessage}</dd>
                  </>
                )}
                <dt>Artifact location</dt>
                <dd className="mono">{info.artifactUri}</dd>
                <dt>Registered as</dt>
                <dd>
                  {registrations.length === 0
                    ? "not registered"
                    : registrations.map((r, i) => (
                        <span key={`${r.name}/${r.version}`}>
                          {i > 0 && ", "}
                          <Link href={`/models/${encodeURIComponent(r.name)}/versions/${r.version}`}>
                            {r.name} v{r.version}
                          </Link>
                        </span>
                      ))}
                </dd>
              </dl>
            </section>
            <section aria-labelledby="model-metrics">
              <h2 id="model-metrics">Metrics</h2>
              {datasets.length === 0 ? (
                <p className={ui.muted}>No metrics logged for this model (log_metric(…, model_id=…)).</p>
              ) : (
                <table className={ui.table} aria-label="Metrics per dataset">
                  <ColumnHeads columns={["Dataset", "Metric", { label: "Value", numeric: true }, { label: "Step", numeric: true }, "Logged"]} />
                  <tbody>
                    {datasets.flatMap((d) =>
                      d.metrics.map((m, i) => (
                        <tr key={`${d.dataset}:${d.digest}:${m.key}`}>
                          {i === 0 && (
                            <th scope="rowgroup" rowSpan={d.metrics.length}>
                              {d.dataset || "(no dataset)"} {d.digest && <span className={`${ui.muted} mono`}>{d.digest}</span>}
                            </th>
                          )}
                          <td>{m.key}</td>
                          <td className={ui.number}>{formatMetricValue(m.value)}</td>
                          <td className={ui.number}>{m.step}</td>
                          <td>{formatTime(m.timestamp)}</td>
                        </tr>
                      )),
                    )}
                  </tbody>
                </table>
              )}
            </section>
            <KeyValueTable title="Parameters" id="model-params" rows={data.params} empty="No parameters." />
            <KeyValueTable title="Tags" id="model-tags" rows={userTags} empty="No tags." />
            {systemTags.length > 0 && <KeyValueTable title="System tags" id="model-system-tags" rows={systemTags} empty="" />}
          </div>
        )}
      </TabPanel>
    </main>
  );
}

function KeyValueTable({ title, id, rows, empty }: { title: string; id: string; rows: { key: string; value: string }[]; empty: string }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p className={ui.muted}>{empty}</p>
      ) : (
        <table className={ui.table} aria-label={title}>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td className={ui.key}>{r.key}</td>
                <td className={ui.value}>{r.value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
