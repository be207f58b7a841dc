"use client";
import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/trpc/app-router";
import { useTRPC } from "../trpc";
import { formatTime } from "../ui/format";
import { StatusBadge } from "../ui/status-badge";
import styles from "./experiment-list.module.css";
import ui from "@/app/_components/ui/common.module.css";
import { useRefreshExperimentList } from "./use-experiment-mutation";

type Outputs = inferRouterOutputs<AppRouter>["experimentList"];
type Experiment = Outputs["search"]["experiments"][number];
type RunCount = Outputs["runCounts"]["counts"][number];

/** The default experiment cannot be deleted (the server refuses it too). */
const DEFAULT_EXPERIMENT_ID = "0";

export function ExperimentRow({
  experiment,
  runs,
  onChanged,
}: {
  experiment: Experiment;
  runs: RunCount | undefined;
  onChanged: (announcement: string) => void;
}) {
  const trpc = useTRPC();
  const refresh = useRefreshExperimentList();
  const [draftName, setDraftName] = useState<string | undefined>(undefined);
  const rename = useMutation(trpc.experimentList.rename.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.experimentList.delete.mutationOptions({ onSuccess: refresh }));
  const restore = useMutation(trpc.experimentList.restore.mutationOptions({ onSuccess: refresh }));
  const isDeleted = experiment.lifecycleStage === "deleted";
  const { experimentId, name } = experiment;
  const error = rename.error ?? remove.error ?? restore.error;

  function saveName() {
    const newName = draftName?.trim() ?? "";
    if (newName === "" || newName === name) return setDraftName(undefined);
    rename.mutate(
      { experimentId, newName },
      {
        onSuccess: () => {
          setDraftName(undefined);
          onChanged(`Renamed “${name}” to “${newName}”.`);
        },
      },
    );
  }

  return (
    <tr data-testid="experiment" data-experiment-id={experimentId} className={isDeleted ? styles.deletedRow : undefined}>
      <td>
        {draftName === undefined ? (
          <>
            {isDeleted ? <span>{name}</span> : <Link href={`/experiments/${experimentId}`}>{name}</Link>}
            {isDeleted && (
              <>
                {" "}
                <StatusBadge status="deleted" />
              </>
            )}
          </>
        ) : (
          <form
            className={ui.inlineForm}
            onSubmit={(e) => {
              e.preventDefault();
              saveName();
            }}
          >
            <label>
              <span className="visually-hidden">New name for {name}</span>
              <input
                autoFocus
                value={draftName}
                onChange={(e) => setDraftName(e.target.value)}
                onKeyDown={(e) => e.key === "Escape" && setDraftName(undefined)}
              />
            </label>
            <button type="submit" className="primary" disabled={rename.isPending}>
              Save
            </button>
            <button type="button" onClick={() => setDraftName(undefined)}>
              Cancel
            </button>
          </form>
        )}
        {error && (
          <div role="alert" className={ui.error}>
            {error.message}
          </div>
        )}
      </td>
      <td className="mono">{experimentId}</td>
      <td className={ui.number} data-testid="run-count">
        {runs === undefined ? "…" : runs.activeRuns}
        {runs !== undefined && runs.deletedRuns > 0 && <span className="muted"> (+{runs.deletedRuns} deleted)</span>}
      </td>
      <td title={runs?.lastRunStartTime ? `Newest run started ${formatTime(runs.lastRunStartTime)}` : undefined}>
        {formatTime(Math.max(experiment.lastUpdateTime, runs?.lastRunStartTime ?? 0))}
      </td>
      <td>{formatTime(experiment.creationTime)}</td>
      <td className={ui.actions}>
        {isDeleted ? (
          <button
            type="button"
            disabled={restore.isPending}
            onClick={() => restore.mutate({ experimentId }, { onSuccess: () => onChanged(`Restored “${name}”.`) })}
          >
            Restore <span className="visually-hidden">{name}</span>
          </button>
        ) : (
          <>
            <button type="button" onClick={() => setDraftName(name)} disabled={draftName !== undefined}>
              Rename <span className="visually-hidden">{name}</span>
            </button>
            {experimentId !== DEFAULT_EXPERIMENT_ID && (
              <button
                type="button"
                className="danger"
                disabled={remove.isPending}
                onClick={() =>
                  remove.mutate({ experimentId }, { onSuccess: () => onChanged(`Deleted “${name}”. Tick “Show deleted” to restore it.`) })
                }
              >
                Delete <span className="visually-hidden">{name}</span>
              </button>
            )}
          </>
        )}
      </td>
    </tr>
  );
}
