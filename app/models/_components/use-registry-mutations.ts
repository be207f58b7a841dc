"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/app/_components/trpc";

/** Every registry write the model page makes; each refetches the registry's queries once it lands. */
export function useRegistryMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.registry.pathKey() });
  return {
    updateModel: useMutation(trpc.registry.updateModel.mutationOptions({ onSuccess })),
    setModelTag: useMutation(trpc.registry.setModelTag.mutationOptions({ onSuccess })),
    deleteModelTag: useMutation(trpc.registry.deleteModelTag.mutationOptions({ onSuccess })),
    setAlias: useMutation(trpc.registry.setAlias.mutationOptions({ onSuccess })),
    deleteAlias: useMutation(trpc.registry.deleteAlias.mutationOptions({ onSuccess })),
    transitionStage: useMutation(trpc.registry.transitionStage.mutationOptions({ onSuccess })),
    updateVersion: useMutation(trpc.registry.updateVersion.mutationOptions({ onSuccess })),
    setVersionTag: useMutation(trpc.registry.setVersionTag.mutationOptions({ onSuccess })),
    deleteVersionTag: useMutation(trpc.registry.deleteVersionTag.mutationOptions({ onSuccess })),
  };
}

export type RegistryMutations = ReturnType<typeof useRegistryMutations>;
