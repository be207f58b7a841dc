"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import { BulkBar } from "./bulk-bar";
import { ColumnChooser } from "./column-chooser";
import { parseColumnId } from "./columns";
import { EmptyExperiment, NoMatches } from "./empty-state";
import { DisplaySwitch, ExperimentCharts, ShareCharts, useDisplay } from "./experiment-charts";
import { ExperimentAbout } from "./experiment-about";
import { ExperimentTabs, useExperimentTab } from "./experiment-tabs";
import { FilterBox } from "./filter-box";
import { useGridActions } from "./grid-actions";
import { ExperimentModels } from "./models/experiment-models";
import { LIVE_INTERVAL_MS, useRunKeys, useRunRows } from "./runs-data";
import { defaultColumns, runsQueryOf, type InitialView } from "./runs-table-rows";
import { RunsGrid } from "./runs-grid";
import { ViewToolbar } from "./view-toolbar";
import { composeFilter, explainFilterError } from "./search-query";
import { useViewState } from "./use-view-state";
import styles from "./runs-table.module.css";

/** The experiment page: runs table with its filter, toolbar, bulk actions and empty states. */
export function RunsView({ experimentId, initialQuery, initial }: { experimentId: string; initialQuery: string; initial: InitialView }) {
  const trpc = useTRPC();
  const [state, update] = useViewState(initialQuery);
  const experiment = useQuery({ ...trpc.runsTable.experiment.queryOptions({ experimentId }), initialData: initial.experiment });
  const keys = useRunKeys(experimentId, initial.keys);
  const shown = useMemo(() => state.columns ?? (keys.data ? defaultColumns(keys.data) : null), [state.columns, keys.data]);
  const refs = useMemo(() => (shown ?? []).flatMap((id) => parseColumnId(id) ?? []), [shown]);
  const query = useMemo(() => runsQueryOf(experimentId, state, refs), [experimentId, state.sort, state.view, state.flat, refs]); // eslint-disable-line react-hooks/exhaustive-deps
  const { pages, rows, filter: composedFilter } = useRunRows(query, state, shown !== null, initial.firstPage);
  const selected = useMemo(() => new Set(state.selected), [state.selected]);
  const expanded = useMemo(() => new Set(state.expanded), [state.expanded]);
  const shownOrEmpty = useMemo(() => shown ?? [], [shown]);
  const actions = useGridActions(update, shownOrEmpty, rows);
  const [copied, setCopied] = useState<string | null>(null);
  const [display, setDisplay] = useDisplay();
  const [tab, setTab] = useExperimentTab();

  const isUnfiltered = !state.filter && state.statuses.length === 0 && state.view === "ACTIVE_ONLY";
  const error = explainFilterError(pages.error?.message, composedFilter, state.filter);
  const isLive = rows.some((r) => r.status === "RUNNING");
  const topLevel = useMemo(() => rows.filter((r) => r.depth === 0), [rows]);
  const csvQuery = new URLSearchParams({ filter: composeFilter(state), view: state.view });
  for (const clause of query.orderBy) csvQuery.append("order_by", clause);

  const copyLink = async () => {
    // The full view, columns included, even where the URL still relies on defaults.
    const url = new URL(window.location.href);
    const params = new URLSearchParams(url.search);
    if (!params.has("col")) for (const id of shownOrEmpty) params.append("col", id);
    url.search = params.toString();
    const link = url.toString();
    setCopied(link);
    await navigator.clipboard?.writeText(link).catch(() => undefined);
  };

  return (
    <main className={styles.page}>
      <nav aria-label="Breadcrumb" className={styles.breadcrumb}>
        <Link href="/">Experiments</Link> <span aria-hidden>/</span>
      </nav>
      <header className={styles.titleRow}>
        <h1>
          {experiment.data?.experiment.name ?? (experiment.isError ? "Experiment not found" : "…")}{" "}
          <span className={styles.muted}>#{experimentId}</span>
        </h1>
        <Link className={styles.dashboardLink} href={`/dashboard?exp=${encodeURIComponent(experimentId)}`}>
          Dashboard
        </Link>
        {isLive && (
          <span className={styles.live} title={`Refreshing every ${LIVE_INTERVAL_MS / 1000} s while runs are running`}>
            ● Live
          </span>
        )}
      </header>
      {experiment.data && (
        <ExperimentAbout experimentId={experimentId} tags={experiment.data.experiment.tags} isDeleted={experiment.data.experiment.lifecycleStage === "deleted"} />
      )}
      {experiment.isError && (
        <p role="alert" className={styles.errorText}>
          {experiment.error.message}. <Link href="/">Back to experiments</Link>
        </p>
      )}
      <ExperimentTabs tab={tab} onSelect={setTab} />
      {tab === "models" ? (
        <ExperimentModels experimentId={experimentId} />
      ) : (
        <>
      <FilterBox experimentId={experimentId} value={state.filter} error={error} keys={keys.data} onApply={(filter) => update({ filter, selected: [] })} />
      <div className={styles.displayRow}>
        <DisplaySwitch display={display} onChange={setDisplay} />
        {display === "charts" && <ShareCharts rows={rows} selected={state.selected} />}
      </div>
      <ViewToolbar
        state={state}
        update={update}
        chooser={<ColumnChooser keys={keys.data} shown={shownOrEmpty} onToggle={(id, show) => update({ columns: show ? [...shownOrEmpty, id] : shownOrEmpty.filter((c) => c !== id) })} />}
        csvHref={`/api/ui/experiments/${encodeURIComponent(experimentId)}/runs.csv?${csvQuery}`}
        onCopyLink={copyLink}
        copied={copied}
        loadedCount={topLevel.length}
        nestedCount={state.flat ? 0 : topLevel.reduce((sum, r) => sum + r.childCount, 0)}
        hasMore={Boolean(pages.hasNextPage)}
      />
      {state.selected.length > 0 && <BulkBar selected={state.selected} onDone={(clear) => clear && update({ selected: [] })} />}
      {pages.isPending && !error ? (
        <div className={styles.loading} role="status" data-testid="runs-loading">
          Loading runs…
        </div>
      ) : error ? (
        <p className={styles.muted}>Fix the filter above (or clear it) to see runs.</p>
      ) : rows.length === 0 ? (
        isUnfiltered ? (
          <EmptyExperiment experimentId={experimentId} experimentName={experiment.data?.experiment.name} />
        ) : (
          <NoMatches onReset={() => update({ filter: "", statuses: [], view: "ACTIVE_ONLY" })} />
        )
      ) : display === "charts" ? (
        <ExperimentCharts rows={rows} selected={state.selected} metricKeys={keys.data?.metrics ?? []} />
      ) : (
        <RunsGrid
          experimentId={experimentId}
          rows={rows}
          columns={refs}
          pinned={state.pinned}
          widths={state.widths}
          sort={state.sort}
          selected={selected}
          expanded={expanded}
          nested={!state.flat}
          hasNextPage={Boolean(pages.hasNextPage)}
          isFetchingNextPage={pages.isFetchingNextPage}
          isStale={pages.isPlaceholderData}
          fetchNextPage={pages.fetchNextPage}
          actions={actions}
        />
      )}
        </>
      )}
    </main>
  );
}
