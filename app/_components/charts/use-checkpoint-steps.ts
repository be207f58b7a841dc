"use client";
import { useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "../trpc";

/** Checkpoint steps per run (MLflow 3 logged models), to mark them on the runs' training curves. */
export function useCheckpointSteps(runIds: string[]): Map<string, number[]> {
  const trpc = useTRPC();
  const ids = useMemo(() => [...new Set(runIds)].slice(0, 100), [runIds]);
  const query = useQuery({ ...trpc.checkpoints.compare.queryOptions({ runIds: ids }), enabled: ids.length > 0, retry: false, staleTime: 30_000 });
  return useMemo(() => {
    const steps = new Map<string, number[]>();
    for (const c of query.data?.checkpoints ?? []) {
      if (c.step === null) continue;
      steps.set(c.runId, [...(steps.get(c.runId) ?? []), c.step]);
    }
    return steps;
  }, [query.data]);
}
