"use client";
import { Tabs } from "@/app/_components/ui/tabs";
import { useUrlParam } from "@/app/_components/ui/use-url-state";

export type ExperimentTab = "runs" | "models";

/** Runs or logged models (checkpoints), kept in the URL as tab=models. */
export function useExperimentTab(): [ExperimentTab, (tab: string) => void] {
  const [tab, setTab] = useUrlParam("tab", "runs");
  return [tab === "models" ? "models" : "runs", (next) => setTab(next, { push: true })];
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
