"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { ColumnHeads } from "@/app/_components/ui/column-heads";
import { useTRPC } from "@/app/_components/trpc";
import common from "@/app/_components/ui/common.module.css";
import { formatTime } from "@/app/_components/ui/format";
import { useDebounced } from "@/app/_components/ui/use-debounced";
import { useQueryState } from "nuqs";
import { modelsParams } from "@/app/models/search-params";
import { modelHref, registeredModelFilter } from "./registry-filter";
import styles from "./registry.module.css";

const PAGE_SIZE = 50;

export function ModelsList() {
  const trpc = useTRPC();
  const [search, setSearch] = useQueryState("q", modelsParams.q);
  const filter = registeredModelFilter(useDebounced(search, 250));
  // Tokens of the pages before this one, so "Previous" can go back; reset when the filter changes.
  const [pages, setPages] = useState<{ filter?: string; tokens: (string | undefined)[] }>({ tokens: [undefined] });
  const tokens = pages.filter === filter ? pages.tokens : [undefined];
  const pageToken = tokens[tokens.length - 1];
  const models = useQuery({
    ...trpc.registry.searchModels.queryOptions({ filter, maxResults: PAGE_SIZE, orderBy: ["name ASC"], pageToken }),
    retry: false,
    placeholderData: (previous) => previous,
  });

  return (
    <main className={styles.main}>
      <h1 className={styles.title}>Registered models</h1>
      <div className={styles.toolbar}>
        <input
          type="search"
          className={styles.search}
          aria-label="Search models"
          placeholder="Name, or a filter such as tags.team = 'vision'"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted">Register a model from a run’s page (“Register model”).</span>
      </div>
      {models.isError && <p role="alert" className={common.error}>{models.error.message}</p>}
      {models.isPending && <p className="muted">Loading models…</p>}
      {models.data && models.data.registeredModels.length === 0 && (
        <p className="muted">{filter ? "No registered model matches." : "No registered models yet."}</p>
      )}
      {models.data && models.data.registeredModels.length > 0 && (
        <table className={common.table} aria-label="Registered models">
          <ColumnHeads columns={["Name", "Latest versions", "Aliases", "Tags", "Last modified"]} />
          <tbody>
            {models.data.registeredModels.map((model) => (
              <tr key={model.name}>
                <td>
                  <Link href={modelHref(model.name)}>{model.name}</Link>
                </td>
                <td>
                  <span className={styles.chips}>
                    {model.latestVersions.map((v) => (
                      <Link key={v.version} href={modelHref(model.name, v.version)} className={styles.chip}>
                        v{v.version} {v.currentStage === "None" ? "" : v.currentStage}
                      </Link>
                    ))}
                  </span>
                </td>
                <td>
                  <span className={styles.chips}>
                    {model.aliases.map((a) => (
                      <span key={a.alias} className={styles.alias}>@{a.alias} → v{a.version}</span>
                    ))}
                  </span>
                </td>
                <td>
                  <span className={styles.chips}>
                    {model.tags.map((t) => (
                      <span key={t.key} className={styles.chip}>{t.key}{t.value ? `: ${t.value}` : ""}</span>
                    ))}
                  </span>
                </td>
                <td>{formatTime(model.lastUpdatedTimestamp)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {(tokens.length > 1 || models.data?.nextPageToken) && (
        <div className={styles.toolbar}>
          <button type="button" disabled={tokens.length <= 1} onClick={() => setPages({ filter, tokens: tokens.slice(0, -1) })}>
            Previous
          </button>
          <button type="button" disabled={!models.data?.nextPageToken} onClick={() => setPages({ filter, tokens: [...tokens, models.data!.nextPageToken] })}>
            Next
          </button>
        </div>
      )}
    </main>
  );
}
