"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_components/trpc";
import { CopyLinkButton } from "@/app/_components/ui/copy-link-button";
import { ShareButton } from "@/app/_components/sharing/share-button";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import { TabPanel, Tabs } from "@/app/_components/ui/tabs";
import { useQueryState } from "nuqs";
import { runPageParams } from "../search-params";
import { ArtifactsTab } from "./artifacts/artifacts-tab";
import { ChartsTab } from "./charts-tab";
import { MetricsTab } from "./metrics-tab";
import { NotesTab } from "./notes-tab";
import { Overview } from "./overview";
import { ParamsTab } from "./params-tab";
import { RegisterModelButton } from "./register-model-button";
import { SystemTab } from "./system-tab";
import styles from "./run-page.module.css";
import { isSystemTag, LIVE_REFRESH_MS } from "./run-types";
import { TagsTab } from "./tags-tab";

const TAB_IDS = ["overview", "charts", "system", "params", "metrics", "tags", "notes", "artifacts"] as const;

export function RunPage({ experimentId, runId }: { experimentId: string; runId: string }) {
  const trpc = useTRPC();
  const [tabParam, setTab] = useQueryState("tab", runPageParams.tab);
  const tab = (TAB_IDS as readonly string[]).includes(tabParam) ? tabParam : "overview";
  const runQuery = useQuery({
    ...trpc.runPage.get.queryOptions({ runId }),
    refetchInterval: (query) => (query.state.data?.run.info.status === "RUNNING" ? LIVE_REFRESH_MS : false),
    retry: false,
  });
  const isLive = runQuery.data?.run.info.status === "RUNNING";
  const summaries = useQuery({
    ...trpc.runPage.metricSummaries.queryOptions({ runId }),
    // Only the Charts and Metrics tabs read it; it scans the whole history (seconds for a week of
    // system metrics), and batched with runPage.get it would hold up every other tab.
    enabled: tab === "charts" || tab === "metrics",
    refetchInterval: isLive ? LIVE_REFRESH_MS : false,
    retry: false,
  });
  const experiment = useQuery({ ...trpc.experimentList.get.queryOptions({ experimentId }), retry: false });
  // The URL's experiment names the run's own only when they agree (a run link may name another).
  const experimentName = (id: string) => (experiment.data?.experiment.experimentId === id ? experiment.data.experiment.name : undefined);

  if (runQuery.isPending) {
    return (
      <main className={styles.main}>
        <p className="muted">Loading run…</p>
      </main>
    );
  }
  if (runQuery.isError) {
    return (
      <main className={styles.main}>
        <h1 className={styles.title}>Run not available</h1>
        <p role="alert">{runQuery.error.message}</p>
        <p>
          <Link href={`/experiments/${experimentId}`}>Back to the experiment’s runs</Link> or <Link href="/">all experiments</Link>.
        </p>
      </main>
    );
  }

  const { run } = runQuery.data;
  const { info } = run;
  const userTagCount = run.data.tags.filter((t) => !isSystemTag(t.key)).length;
  const tabs = [
    { id: "overview", label: "Overview" },
    { id: "charts", label: "Charts" },
    { id: "system", label: "System" },
    { id: "params", label: `Parameters (${run.data.params.length})` },
    { id: "metrics", label: `Metrics (${summaries.data?.summaries.length ?? run.data.metrics.length})` },
    { id: "tags", label: `Tags (${userTagCount})` },
    { id: "notes", label: "Notes" },
    { id: "artifacts", label: "Artifacts" },
  ];

  return (
    <main className={styles.main}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link href="/">Experiments</Link>
        <span aria-hidden="true">/</span>
        <Link href={`/experiments/${info.experimentId}`}>{experimentName(info.experimentId) ?? `Experiment ${info.experimentId}`}</Link>
        <span aria-hidden="true">/</span>
        <span aria-current="page">{info.runName}</span>
      </nav>
      <div className={styles.titleRow}>
        <h1 className={styles.title}>{info.runName}</h1>
        <StatusBadge status={info.status} />
        {isLive && (
          <span className={styles.live} title={`Refreshing every ${LIVE_REFRESH_MS / 1000} s while the run is running`}>
            live
          </span>
        )}
        <span className={styles.spacer} />
        <RegisterModelButton run={run} />
        <CopyLinkButton />
        <ShareButton scope={{ kind: "run", runIds: [info.runId] }} />
      </div>
      {info.lifecycleStage === "deleted" && (
        <p role="note" className={styles.deletedBanner}>
          This run is deleted. It can be restored until the server’s garbage collection removes it.
        </p>
      )}
      <Tabs tabs={tabs} selected={tab} onSelect={(id) => setTab(id, { history: "push" })} idPrefix="run" />
      <TabPanel id={tab} idPrefix="run">
        {tab === "overview" && <Overview run={run} isLive={isLive} experimentName={experimentName(info.experimentId)} />}
        {tab === "charts" && <ChartsTab run={run} summaries={summaries} isLive={isLive} />}
        {tab === "system" && <SystemTab run={run} isLive={isLive} />}
        {tab === "params" && <ParamsTab params={run.data.params} />}
        {tab === "metrics" && <MetricsTab summaries={summaries} />}
        {tab === "tags" && <TagsTab run={run} />}
        {tab === "notes" && <NotesTab run={run} />}
        {tab === "artifacts" && <ArtifactsTab run={run} isLive={isLive} />}
      </TabPanel>
    </main>
  );
}
