"use client";
import Link from "next/link";
import { formatDuration, formatTime } from "@/app/_components/ui/format";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import styles from "./parts.module.css";
import ui from "@/app/_components/ui/common.module.css";
import { RunLinks } from "./run-links";
import { RunOutputs } from "./run-outputs";
import { tagValue, type Run } from "./run-types";

/** Status, times, who and what ran it, related runs, datasets and models, where its files are. */
export function Overview({ run, isLive, experimentName }: { run: Run; isLive: boolean; experimentName?: string }) {
  const { info } = run;
  // A running run's duration grows with each poll; it is measured against the clock of the last fetch.
  const end = info.endTime ?? (isLive ? Date.now() : undefined);
  const user = info.userId || tagValue(run, "mlflow.user");
  const source = tagValue(run, "mlflow.source.name");
  const sourceType = tagValue(run, "mlflow.source.type");
  const commit = tagValue(run, "mlflow.source.git.commit");
  const branch = tagValue(run, "mlflow.source.git.branch");
  const repo = tagValue(run, "mlflow.source.git.repoURL");
  const entryPoint = tagValue(run, "mlflow.project.entryPoint");

  return (
    <>
      <section className={styles.section} aria-labelledby="about-run">
        <h2 id="about-run" className="visually-hidden">
          About this run
        </h2>
        <dl className={styles.facts} data-testid="run-facts">
          <dt>Status</dt>
          <dd>
            <StatusBadge status={info.status} />
          </dd>
          <dt>Run ID</dt>
          <dd className="mono">{info.runId}</dd>
          <dt>Experiment</dt>
          <dd>
            <Link href={`/experiments/${info.experimentId}`}>{experimentName ?? info.experimentId}</Link>
          </dd>
          <dt>Started</dt>
          <dd>{formatTime(info.startTime)}</dd>
          <dt>Ended</dt>
          <dd>{info.endTime === undefined ? (isLive ? "still running" : "—") : formatTime(info.endTime)}</dd>
          <dt>Duration</dt>
          <dd>{end === undefined ? "—" : formatDuration(end - info.startTime)}</dd>
          <dt>User</dt>
          <dd>{user || "—"}</dd>
          <dt>Source</dt>
          <dd>
            {source ? <span className="mono">{source}</span> : "—"}
            {sourceType && <span className={ui.muted}> ({sourceType.toLowerCase()})</span>}
          </dd>
          {entryPoint && (
            <>
              <dt>Entry point</dt>
              <dd className="mono">{entryPoint}</dd>
            </>
          )}
          <dt>Git commit</dt>
          <dd>
            {commit ? <span className="mono">{commit}</span> : "—"}
            {branch && <span className={ui.muted}> on {branch}</span>}
            {repo && <span className={ui.muted}> in {repo}</span>}
          </dd>
          <dt>Artifact URI</dt>
          <dd className="mono">{info.artifactUri}</dd>
          {info.lifecycleStage === "deleted" && (
            <>
              <dt>Lifecycle</dt>
              <dd>
                <StatusBadge status="deleted" />
              </dd>
            </>
          )}
        </dl>
      </section>
      <RunLinks run={run} />
      <RunOutputs run={run} />
    </>
  );
}
