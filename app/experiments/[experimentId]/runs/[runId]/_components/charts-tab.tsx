"use client";
import type { UseQueryResult } from "@tanstack/react-query";
import { useMemo } from "react";
import { ChartGrid } from "@/app/_components/charts/chart-grid";
import { useCheckpointSteps } from "@/app/_components/charts/use-checkpoint-steps";
import ui from "@/app/_components/ui/common.module.css";
import type { MetricSummary, Run } from "./run-types";

/** The run's metrics as charts, one per key (system metrics included), live while it runs. */
export function ChartsTab({ run, summaries, isLive }: { run: Run; summaries: UseQueryResult<{ summaries: MetricSummary[] }, { message: string }>; isLive: boolean }) {
  const checkpointSteps = useCheckpointSteps([run.info.runId]).get(run.info.runId);
  const runs = useMemo(() => [{ runId: run.info.runId, name: run.info.runName, isLive, checkpointSteps }], [run.info.runId, run.info.runName, isLive, checkpointSteps]);
  const keys = useMemo(() => summaries.data?.summaries.map((s) => s.key) ?? [], [summaries.data]);
  if (summaries.isPending) return <p className={ui.muted}>Loading metrics…</p>;
  if (summaries.isError) return <p role="alert" className={ui.error}>{summaries.error.message}</p>;
  return <ChartGrid runs={runs} metricKeys={keys} />;
}
