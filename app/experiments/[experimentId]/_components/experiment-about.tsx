"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import { Markdown } from "@/app/_components/ui/markdown";
import styles from "./experiment-about.module.css";

/** MLflow keeps an experiment's description as markdown in this tag, as it does a run's notes. */
export const DESCRIPTION_TAG = "mlflow.note.content";
const isSystemTag = (key: string) => key.startsWith("mlflow.");

/**
 * The experiment's description (markdown) and its tags, both editable, above the runs table.
 * Writes go through the experiment tag verbs (set-tag / delete-tag), as MLflow's UI does.
 */
export function ExperimentAbout({ experimentId, tags, isDeleted }: { experimentId: string; tags: { key: string; value: string }[]; isDeleted: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.runsTable.experiment.queryKey({ experimentId }) });
  const setTag = useMutation(trpc.experimentList.setTag.mutationOptions({ onSuccess }));
  const deleteTag = useMutation(trpc.experimentList.deleteTag.mutationOptions({ onSuccess }));
  const description = tags.find((t) => t.key === DESCRIPTION_TAG)?.value ?? "";
  const userTags = tags.filter((t) => !isSystemTag(t.key));
  const [draft, setDraft] = useState<string | undefined>();
  const [isAddingTag, setIsAddingTag] = useState(false);
  const error = setTag.error ?? deleteTag.error;
  const canEdit = !isDeleted; // MLflow refuses tag writes on a deleted experiment

  return (
    <section className={styles.about} aria-label="About this experiment">
      {draft === undefined ? (
        description && (
          <div className={styles.description} data-testid="experiment-description">
            <Markdown source={description} />
            {canEdit && (
              <button type="button" className={styles.linkButton} onClick={() => setDraft(description)}>
                Edit description
              </button>
            )}
          </div>
        )
      ) : (
        <form
          className={styles.editor}
          onSubmit={(e) => {
            e.preventDefault();
            setTag.mutate({ experimentId, key: DESCRIPTION_TAG, value: draft }, { onSuccess: () => setDraft(undefined) });
          }}
        >
          <label>
            <span className="visually-hidden">Description (markdown)</span>
            <textarea autoFocus rows={5} value={draft} onChange={(e) => setDraft(e.target.value)} onKeyDown={(e) => e.key === "Escape" && setDraft(undefined)} />
          </label>
          <div className={styles.row}>
            <button type="submit" className="primary" disabled={setTag.isPending}>
              Save description
            </button>
            <button type="button" onClick={() => setDraft(undefined)}>
              Cancel
            </button>
            <span className={styles.muted}>Markdown; stored in the {DESCRIPTION_TAG} tag, as MLflow does.</span>
          </div>
        </form>
      )}
      <ul className={styles.tags} aria-label="Experiment tags">
        {!description && draft === undefined && canEdit && (
          <li>
            <button type="button" className={styles.linkButton} onClick={() => setDraft("")}>
              + Add a description
            </button>
          </li>
        )}
        {userTags.map((tag) => (
          <li key={tag.key} className={styles.tag} data-testid="experiment-tag">
            <span className={styles.tagKey}>{tag.key}</span>
            <span className={styles.tagValue} title={tag.value}>
              {tag.value}
            </span>
            {canEdit && (
              <button
                type="button"
                className={styles.removeTag}
                aria-label={`Delete tag ${tag.key}`}
                disabled={deleteTag.isPending}
                onClick={() => deleteTag.mutate({ experimentId, key: tag.key })}
              >
                ×
              </button>
            )}
          </li>
        ))}
        {canEdit && (
          <li>
            {isAddingTag ? (
              <AddTagForm
                isPending={setTag.isPending}
                onCancel={() => setIsAddingTag(false)}
                onAdd={(key, value) => setTag.mutate({ experimentId, key, value }, { onSuccess: () => setIsAddingTag(false) })}
              />
            ) : (
              <button type="button" className={styles.linkButton} onClick={() => setIsAddingTag(true)}>
                + Add tag
              </button>
            )}
          </li>
        )}
      </ul>
      {error && (
        <p role="alert" className={styles.error}>
          {error.message}
        </p>
      )}
    </section>
  );
}

function AddTagForm({ onAdd, onCancel, isPending }: { onAdd(key: string, value: string): void; onCancel(): void; isPending: boolean }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const isReserved = isSystemTag(key.trim());
  return (
    <form
      className={styles.row}
      onSubmit={(e) => {
        e.preventDefault();
        if (key.trim() && !isReserved) onAdd(key.trim(), value);
      }}
      onKeyDown={(e) => e.key === "Escape" && onCancel()}
    >
      <input autoFocus aria-label="Tag key" placeholder="key" value={key} onChange={(e) => setKey(e.target.value)} />
      <input aria-label="Tag value" placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} />
      <button type="submit" disabled={isPending || !key.trim() || isReserved}>
        Add tag
      </button>
      <button type="button" onClick={onCancel}>
        Cancel
      </button>
      {isReserved && <span className={styles.error}>Keys starting with “mlflow.” are reserved for MLflow.</span>}
    </form>
  );
}
