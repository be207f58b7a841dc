"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { modelHref } from "@/app/models/_components/registry-filter";
import styles from "@/app/models/_components/registry.module.css";
import { useTRPC } from "@/app/_components/trpc";
import common from "@/app/_components/ui/common.module.css";
import type { Run } from "./run-types";

/**
 * "Register model": a new version of a registered model (created when the name is new) from the
 * run's artifacts at a path, or from one of the logged models the run produced.
 */
export function RegisterModelButton({ run }: { run: Run }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [name, setName] = useState("");
  const loggedModels = run.outputs.modelOutputs;
  const [source, setSource] = useState<string>("path");
  const [path, setPath] = useState("model");
  const models = useQuery({ ...trpc.registry.searchModels.queryOptions({ maxResults: 1000, orderBy: ["name ASC"] }), enabled: false });
  const register = useMutation(
    trpc.registry.register.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.registry.pathKey() }) }),
  );
  const open = () => {
    register.reset();
    void models.refetch();
    dialog.current?.showModal();
  };
  const submit = () => {
    const runId = run.info.runId;
    const input =
      source === "path"
        ? { name: name.trim(), source: `${run.info.artifactUri}/${path.replace(/^\/+/, "")}`, runId }
        : { name: name.trim(), source: `models:/${source}`, runId, modelId: source };
    register.mutate(input);
  };
  const registered = register.data?.modelVersion;

  return (
    <>
      <button type="button" onClick={open}>
        Register model
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-label="Register model">
        {registered ? (
          <div>
            <p role="status">
              Registered <Link href={modelHref(registered.name, registered.version)}>{registered.name} version {registered.version}</Link>
              {register.data?.isNewModel ? " (a new model)." : "."}
            </p>
            <div className={styles.dialogActions}>
              <button type="button" onClick={() => dialog.current?.close()}>Close</button>
            </div>
          </div>
        ) : (
          <form
            method="dialog"
            onSubmit={(e) => {
              e.preventDefault();
              submit();
            }}
          >
            <strong>Register a model version from this run</strong>
            <label>
              Model name (new or existing)
              <input required list="registered-model-names" value={name} onChange={(e) => setName(e.target.value)} aria-label="Model name" />
              <datalist id="registered-model-names">
                {models.data?.registeredModels.map((m) => <option key={m.name} value={m.name} />)}
              </datalist>
            </label>
            <label>
              Source
              <select value={source} onChange={(e) => setSource(e.target.value)} aria-label="Source">
                <option value="path">The run’s artifacts at a path</option>
                {loggedModels.map((m) => (
                  <option key={m.modelId} value={m.modelId}>
                    Logged model {m.modelId} (step {m.step})
                  </option>
                ))}
              </select>
            </label>
            {source === "path" && (
              <label>
                Artifact path
                <input value={path} onChange={(e) => setPath(e.target.value)} aria-label="Artifact path" />
              </label>
            )}
            {register.error && <p role="alert" className={common.error}>{register.error.message}</p>}
            <div className={styles.dialogActions}>
              <button type="button" onClick={() => dialog.current?.close()}>Cancel</button>
              <button type="submit" disabled={register.isPending || !name.trim()}>Register</button>
            </div>
          </form>
        )}
      </dialog>
    </>
  );
}
