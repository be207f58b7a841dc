"use client";
import { Tabs } from "@/app/_components/ui/tabs";
import { useQueryState } from "nuqs";
import { experimentParams } from "@/app/experiments/[experimentId]/search-params";

export type ExperimentTab = "runs" | "models";

/** Runs or logged models (checkpoints), kept in the URL as tab=models. */
export function useExperimentTab(): [ExperimentTab, (tab: string) => void] {
  const [tab, setTab] = useQueryState("tab", experimentParams.tab);
  return [tab === "models" ? "models" : "runs", (next) => setTab(next, { history: "push" })];
}

export function ExperimentTabs({ tab, onSelect }: { tab: ExperimentTab; onSelect(tab: string): void }) {
  return (
    <Tabs
      idPrefix="experiment"
      selected={tab}
      onSelect={onSelect}
      tabs={[
        { id: "runs", label: "Runs" },
        { id: "models", label: "Models" },
      ]}
    />
  );
}
