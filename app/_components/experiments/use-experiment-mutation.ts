"use client";
import { useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "../trpc";

/** After a create/rename/delete/restore: refetch the list and its run counts. */
export function useRefreshExperimentList(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.experimentList.pathKey() });
}
