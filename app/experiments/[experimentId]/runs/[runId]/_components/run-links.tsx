"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_components/trpc";
import { StatusBadge } from "@/app/_components/ui/status-badge";
import styles from "./parts.module.css";
import ui from "@/app/_components/ui/common.module.css";
import { tagValue, type Run } from "./run-types";

const PARENT_TAG = "mlflow.parentRunId";
/** Child runs listed on the page; a sweep with more is better browsed in the runs table. */
const MAX_CHILDREN = 100;

const runHref = (experimentId: string, runId: string) => `/experiments/${experimentId}/runs/${runId}`;
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** The parent run (mlflow.parentRunId) and the runs that name this one as their parent. */
export function RunLinks({ run }: { run: Run }) {
  const trpc = useTRPC();
  const parentId = tagValue(run, PARENT_TAG);
  const parent = useQuery({ ...trpc.runPage.get.queryOptions({ runId: parentId ?? "" }), enabled: !!parentId, retry: false });
  const children = useQuery(
    trpc.runs.search.queryOptions({
      experimentIds: [run.info.experimentId],
      filter: `tags.${PARENT_TAG} = ${quoted(run.info.runId)}`,
      maxResults: MAX_CHILDREN,
      dataKeys: { params: [], metrics: [], tags: [] },
    }),
  );
  const childRuns = children.data?.runs ?? [];

  return (
    <section className={styles.section} aria-labelledby="related-runs">
      <h2 id="related-runs">Related runs</h2>
      <dl className={styles.facts}>
        <dt>Parent run</dt>
        <dd data-testid="parent-run">
          {!parentId ? (
            "—"
          ) : parent.data ? (
            <Link href={runHref(parent.data.run.info.experimentId, parentId)}>{parent.data.run.info.runName}</Link>
          ) : (
            <span className="mono">{parentId}</span>
          )}
        </dd>
        <dt>Child runs</dt>
        <dd data-testid="child-runs">
          {children.isPending ? (
            <span className={ui.muted}>Loading…</span>
          ) : childRuns.length === 0 ? (
            "—"
          ) : (
            <ul className={styles.list}>
              {childRuns.map((child) => (
                <li key={child.info.runId}>
                  <Link href={runHref(child.info.experimentId, child.info.runId)}>{child.info.runName}</Link>{" "}
                  <StatusBadge status={child.info.status} />
                </li>
              ))}
              {children.data?.nextPageToken && <li className={ui.muted}>Only the newest {MAX_CHILDREN} are listed.</li>}
            </ul>
          )}
        </dd>
      </dl>
    </section>
  );
}
