"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc";
import { useDebounced } from "../ui/use-debounced";
import { useQueryState } from "nuqs";
import { experimentListParams } from "@/app/search-params";
import { CreateExperimentForm } from "./create-experiment-form";
import { toExperimentFilter } from "./experiment-filter";
import styles from "./experiment-list.module.css";
import ui from "@/app/_components/ui/common.module.css";
import { ExperimentRow } from "./experiment-row";
import { GettingStarted } from "./getting-started";

/** One page: the count query takes at most this many ids, and a longer list wants a search anyway. */
const PAGE_SIZE = 1000;

/** The home page: every experiment with its run counts, searchable, editable. */
export function ExperimentList() {
  const trpc = useTRPC();
  const [urlQuery, setUrlQuery] = useQueryState("q", experimentListParams.q);
  const [showDeleted, setShowDeleted] = useQueryState("deleted", experimentListParams.deleted);
  const [typed, setTyped] = useState(urlQuery);
  const filter = toExperimentFilter(useDebounced(typed));
  const [announcement, setAnnouncement] = useState("");
  const [isHelpOpen, setIsHelpOpen] = useState(false);

  const search = useQuery({
    ...trpc.experimentList.search.queryOptions({
      filter,
      viewType: showDeleted ? "ALL" : "ACTIVE_ONLY",
      maxResults: PAGE_SIZE,
      orderBy: ["last_update_time DESC"],
    }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const experiments = search.data?.experiments ?? [];
  const ids = experiments.map((e) => e.experimentId);
  const counts = useQuery({
    ...trpc.experimentList.runCounts.queryOptions({ experimentIds: ids }),
    enabled: ids.length > 0,
    placeholderData: keepPreviousData,
  });
  const countById = new Map(counts.data?.counts.map((c) => [c.experimentId, c]));
  const hasNoRuns = !filter && counts.isSuccess && counts.data.counts.every((c) => c.activeRuns + c.deletedRuns === 0);

  return (
    <section aria-labelledby="experiments-title">
      <div className={styles.titleRow}>
        <h1 id="experiments-title">Experiments</h1>
        <CreateExperimentForm onCreated={(name) => setAnnouncement(`Created experiment “${name}”.`)} />
      </div>
      <div className={styles.toolbar}>
        <label className={styles.search}>
          <span className="visually-hidden">Search experiments</span>
          <input
            type="search"
            placeholder="Search by name, or a filter such as tags.team = 'vision'"
            value={typed}
            onChange={(e) => {
              setTyped(e.target.value);
              setUrlQuery(e.target.value);
            }}
          />
        </label>
        <label className={styles.toggle}>
          <input type="checkbox" checked={showDeleted !== ""} onChange={(e) => setShowDeleted(e.target.checked ? "1" : "")} />
          Show deleted
        </label>
        <button type="button" aria-expanded={isHelpOpen || hasNoRuns} disabled={hasNoRuns} onClick={() => setIsHelpOpen(!isHelpOpen)}>
          How to log runs
        </button>
      </div>
      <p role="status" className={styles.announcement}>
        {announcement}
      </p>
      {search.isError && (
        <p role="alert" className={ui.error}>
          {search.error.message}
        </p>
      )}
      {search.isPending && <p className="muted">Loading experiments…</p>}
      {search.isSuccess && experiments.length === 0 && (
        <div className={styles.empty}>
          <p>{filter ? `No experiment matches “${typed.trim()}”.` : "No experiments yet."}</p>
          {filter && (
            <button
              type="button"
              onClick={() => {
                setTyped("");
                setUrlQuery("");
              }}
            >
              Clear search
            </button>
          )}
        </div>
      )}
      {experiments.length > 0 && (
        <table className={`${ui.table} ${styles.listTable}`}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">ID</th>
              <th scope="col" className={ui.number}>
                Runs
              </th>
              <th scope="col">Last update</th>
              <th scope="col">Created</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {experiments.map((experiment) => (
              <ExperimentRow
                key={experiment.experimentId}
                experiment={experiment}
                runs={countById.get(experiment.experimentId)}
                onChanged={setAnnouncement}
              />
            ))}
          </tbody>
        </table>
      )}
      {search.data?.nextPageToken && (
        <p className="muted">The first {PAGE_SIZE} experiments are shown; search to find the others.</p>
      )}
      {(hasNoRuns || isHelpOpen) && <GettingStarted hasRuns={!hasNoRuns} />}
    </section>
  );
}
