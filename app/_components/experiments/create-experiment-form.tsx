"use client";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc";
import styles from "./experiment-list.module.css";
import ui from "@/app/_components/ui/common.module.css";
import { useRefreshExperimentList } from "./use-experiment-mutation";

export function CreateExperimentForm({ onCreated }: { onCreated: (name: string) => void }) {
  const [isOpen, setIsOpen] = useState(false);
  const [name, setName] = useState("");
  const trpc = useTRPC();
  const create = useMutation(trpc.experimentList.create.mutationOptions({ onSuccess: useRefreshExperimentList() }));

  if (!isOpen) {
    return (
      <button type="button" className="primary" onClick={() => setIsOpen(true)}>
        New experiment
      </button>
    );
  }
  return (
    <form
      className={ui.inlineForm}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { name: name.trim() },
          {
            onSuccess: () => {
              onCreated(name.trim());
              setName("");
              setIsOpen(false);
            },
          },
        );
      }}
    >
      <label>
        <span className="visually-hidden">New experiment name</span>
        <input
          autoFocus
          required
          placeholder="Experiment name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === "Escape" && setIsOpen(false)}
        />
      </label>
      <button type="submit" className="primary" disabled={create.isPending || name.trim() === ""}>
        Create
      </button>
      <button type="button" onClick={() => setIsOpen(false)}>
        Cancel
      </button>
      {create.isError && (
        <span role="alert" className={ui.error}>
          {create.error.message}
        </span>
      )}
    </form>
  );
}
