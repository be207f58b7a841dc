"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_components/trpc";
import ui from "@/app/_components/ui/common.module.css";
import { formatMetricValue } from "@/app/_components/ui/format";
import styles from "./parts.module.css";

/** The run's checkpoints (MLflow 3 logged models it produced), each linking to its model page. */
export function RunCheckpoints({ runId }: { runId: string }) {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.checkpoints.compare.queryOptions({ runIds: [runId] }), retry: false });
  const checkpoints = query.data?.checkpoints ?? [];
  if (checkpoints.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby="run-checkpoints">
      <h2 id="run-checkpoints">
        Checkpoints ({checkpoints.length}){" "}
        <Link className={ui.muted} href={`/checkpoints?runs=${runId}`}>
          compare them
        </Link>
      </h2>
      <ul className={styles.list} aria-label="Checkpoints">
        {checkpoints.map((c) => (
          <li key={c.modelId}>
            <Link href={`/logged-models/${encodeURIComponent(c.modelId)}`}>{c.name}</Link>
            <span className={ui.muted}>
              {c.step !== null && ` at step ${c.step}`}
              {c.metrics.length > 0 && ` · ${c.metrics.slice(0, 4).map((m) => `${m.key}${m.datasetName ? `@${m.datasetName}` : ""} ${formatMetricValue(m.value)}`).join(", ")}${c.metrics.length > 4 ? " …" : ""}`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
