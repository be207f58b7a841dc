"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import ui from "@/app/_components/ui/common.module.css";
import { formatMetricValue, formatTime } from "@/app/_components/ui/format";
import { useQueryState } from "nuqs";
import { experimentParams } from "@/app/experiments/[experimentId]/search-params";
import { latestMetrics, metricColumnsOf, orderByOf, parseModelSort, serializeModelSort, type ModelSort } from "./models-table-data";
import styles from "./models.module.css";

/** The URL parameters of this tab, kept by the runs view when it rewrites the query string. */
export const MODELS_TAB_PARAMS = ["mf", "msort"];

const PAGE_SIZE = 50;
const STATUS_LABELS: Record<string, string> = { LOGGED_MODEL_PENDING: "pending", LOGGED_MODEL_READY: "ready", LOGGED_MODEL_UPLOAD_FAILED: "upload failed" };

/** The experiment's logged models (checkpoints): filter with search_logged_models' grammar, sort, page. */
export function ExperimentModels({ experimentId }: { experimentId: string }) {
  const trpc = useTRPC();
  const [filter, setFilter] = useQueryState("mf", experimentParams.mf);
  const [sortParam, setSortParam] = useQueryState("msort", experimentParams.msort);
  const [draft, setDraft] = useState(filter);
  // Tokens of the pages before this one (MLflow pages by token, so "previous" needs the trail).
  const [tokens, setTokens] = useState<(string | undefined)[]>([undefined]);
  const sort = parseModelSort(sortParam);
  const pageToken = tokens[tokens.length - 1];
  const search = useQuery({
    ...trpc.loggedModels.search.queryOptions({ experimentIds: [experimentId], filter: filter || undefined, orderBy: orderByOf(sort), maxResults: PAGE_SIZE, pageToken }),
    placeholderData: keepPreviousData,
    retry: false,
  });
  const models = useMemo(() => search.data?.models ?? [], [search.data]);
  const columns = useMemo(() => metricColumnsOf(models), [models]);
  const runIds = useMemo(() => [...new Set(models.flatMap((m) => (m.info.sourceRunId ? [m.info.sourceRunId] : [])))], [models]);
  const runs = useQuery({ ...trpc.compare.runs.queryOptions({ runIds }), enabled: runIds.length > 0, retry: false });
  const runNames = useMemo(() => new Map(runs.data?.runs.map((r) => [r.info.runId, r.info.runName]) ?? []), [runs.data]);

  const applyFilter = (text: string) => {
    setFilter(text);
    setTokens([undefined]);
  };
  const sortBy = (next: Omit<ModelSort, "ascending">) => {
    const isSame = next.field === sort.field && next.dataset === sort.dataset;
    setSortParam(serializeModelSort({ ...next, ascending: isSame ? !sort.ascending : true }));
    setTokens([undefined]);
  };
  const sortMark = (field: string, dataset?: string) => (sort.field === field && sort.dataset === dataset ? (sort.ascending ? " ▲" : " ▼") : "");
  const ariaSort = (field: string, dataset?: string) => (sort.field === field && sort.dataset === dataset ? (sort.ascending ? "ascending" : "descending") : undefined);

  return (
    <section aria-label="Logged models" className={styles.section}>
      <form
        className={styles.filterRow}
        onSubmit={(e) => {
          e.preventDefault();
          applyFilter(draft.trim());
        }}
      >
        <input
          className={styles.filter}
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          placeholder="metrics.loss < 0.5 and params.lr = '0.01' and name LIKE 'ckpt%'"
          aria-label="Filter models"
        />
        <button type="submit">Apply</button>
        {filter && (
          <button
            type="button"
            onClick={() => {
              setDraft("");
              applyFilter("");
            }}
          >
            Clear
          </button>
        )}
        <span className={styles.spacer} />
        {runIds.length > 0 && (
          <Link className={styles.button} href={`/checkpoints?runs=${runIds.join(",")}`}>
            Compare checkpoints of {runIds.length} run{runIds.length === 1 ? "" : "s"}
          </Link>
        )}
      </form>
      {search.isError && (
        <p role="alert" className={ui.error}>
          {search.error.message}
        </p>
      )}
      {search.isPending ? (
        <p className={ui.muted}>Loading models…</p>
      ) : models.length === 0 && !search.isError ? (
        <p className={ui.muted}>{filter ? "No logged model matches the filter." : "No logged models yet: MLflow 3's log_model (and mlflow.initialize_logged_model) record them here."}</p>
      ) : (
        <div className={styles.scroll}>
          <table className={`${ui.table} ${styles.table}`} aria-label="Models">
            <thead>
              <tr>
                <th scope="col" aria-sort={ariaSort("name")}>
                  <button type="button" className={styles.sortButton} onClick={() => sortBy({ field: "name" })}>
                    Name{sortMark("name")}
                  </button>
                </th>
                <th scope="col">Step</th>
                <th scope="col">Source run</th>
                <th scope="col">Status</th>
                <th scope="col" aria-sort={ariaSort("creation_timestamp")}>
                  <button type="button" className={styles.sortButton} onClick={() => sortBy({ field: "creation_timestamp" })}>
                    Created{sortMark("creation_timestamp")}
                  </button>
                </th>
                {columns.map((c) => (
                  <th key={c.id} scope="col" className={ui.number} aria-sort={ariaSort(`metrics.${c.key}`, c.dataset || undefined)}>
                    <button type="button" className={styles.sortButton} onClick={() => sortBy({ field: `metrics.${c.key}`, dataset: c.dataset || undefined })}>
                      {c.key}
                      {c.dataset && <span className={styles.dataset}> · {c.dataset}</span>}
                      {sortMark(`metrics.${c.key}`, c.dataset || undefined)}
                    </button>
                  </th>
                ))}
                <th scope="col">Params</th>
                <th scope="col">Tags</th>
              </tr>
            </thead>
            <tbody>
              {models.map((model) => {
                const { values, step } = latestMetrics(model.data.metrics);
                const { info } = model;
                const userTags = info.tags.filter((t) => !t.key.startsWith("mlflow."));
                return (
                  <tr key={info.modelId}>
                    <td>
                      <Link href={`/logged-models/${encodeURIComponent(info.modelId)}`}>{info.name}</Link>
                      <div className={`${ui.muted} mono`}>{info.modelId}</div>
                    </td>
                    <td className={ui.number}>{step ?? "—"}</td>
                    <td>
                      {info.sourceRunId ? <Link href={`/experiments/${info.experimentId}/runs/${info.sourceRunId}`}>{runNames.get(info.sourceRunId) ?? info.sourceRunId.slice(0, 8)}</Link> : "—"}
                    </td>
                    <td>{STATUS_LABELS[info.status] ?? info.status}</td>
                    <td className={styles.nowrap}>{formatTime(info.creationTimestampMs)}</td>
                    {columns.map((c) => (
                      <td key={c.id} className={ui.number}>
                        {values.has(c.id) ? formatMetricValue(values.get(c.id)) : "—"}
                      </td>
                    ))}
                    <td className={styles.pairs}>{model.data.params.map((p) => `${p.key}=${p.value}`).join(", ") || "—"}</td>
                    <td className={styles.pairs}>{userTags.map((t) => `${t.key}=${t.value}`).join(", ") || "—"}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <nav className={styles.pager} aria-label="Model pages">
        <button type="button" disabled={tokens.length <= 1} onClick={() => setTokens((t) => t.slice(0, -1))}>
          Previous
        </button>
        <span className={ui.muted}>Page {tokens.length}</span>
        <button type="button" disabled={!search.data?.nextPageToken} onClick={() => setTokens((t) => [...t, search.data?.nextPageToken])}>
          Next
        </button>
      </nav>
    </section>
  );
}
