"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import type { CheckpointMatrix } from "./checkpoint-matrix";
import styles from "./checkpoints.module.css";

/** "Register the best checkpoint of column X as a version of model Y", in one click. */
export function RegisterBest({ matrix, defaultName }: { matrix: CheckpointMatrix; defaultName: string }) {
  const trpc = useTRPC();
  const ranked = matrix.columns.filter((c) => c.bestModelId);
  const [columnId, setColumnId] = useState("");
  const [name, setName] = useState("");
  const register = useMutation(trpc.checkpoints.register.mutationOptions());
  const column = ranked.find((c) => c.id === columnId) ?? ranked[0];
  if (!column) return <p className={styles.muted}>No metric has a direction, so there is no best checkpoint to register.</p>;
  const best = matrix.rows.find((r) => r.checkpoint.modelId === column.bestModelId)!.checkpoint;
  const modelName = name || defaultName;
  return (
    <form
      className={styles.controls}
      aria-label="Register best checkpoint"
      onSubmit={(e) => {
        e.preventDefault();
        register.mutate({ modelId: best.modelId, name: modelName });
      }}
    >
      <label className={styles.control}>
        <span className={styles.controlLabel}>Best by</span>
        <select value={column.id} onChange={(e) => setColumnId(e.target.value)} aria-label="Best by">
          {ranked.map((c) => (
            <option key={c.id} value={c.id}>
              {c.key} {c.direction === "min" ? "↓" : "↑"} · {c.dataset || "(no dataset)"}
            </option>
          ))}
        </select>
      </label>
      <label className={styles.control}>
        <span className={styles.controlLabel}>Registered model</span>
        <input value={modelName} onChange={(e) => setName(e.target.value)} aria-label="Registered model name" required />
      </label>
      <button type="submit" disabled={register.isPending}>
        Register {best.name} (step {best.step ?? "—"})
      </button>
      {register.isSuccess && (
        <span className={styles.success} role="status">
          Registered {register.data.modelVersion.name} version {register.data.modelVersion.version} from {best.name}
        </span>
      )}
      {register.isError && (
        <span className={styles.error} role="alert">
          {register.error.message}
        </span>
      )}
    </form>
  );
}
