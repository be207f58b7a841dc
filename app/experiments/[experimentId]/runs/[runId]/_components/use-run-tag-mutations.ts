"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_components/trpc";

/** Set and delete a run's tags (notes are a tag too); the run is refetched once a write lands. */
export function useRunTagMutations(runId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.runPage.get.queryKey({ runId }) });
  return {
    setTag: useMutation(trpc.runPage.setTag.mutationOptions({ onSuccess })),
    deleteTag: useMutation(trpc.runPage.deleteTag.mutationOptions({ onSuccess })),
  };
}
