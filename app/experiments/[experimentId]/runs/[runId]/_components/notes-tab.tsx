"use client";
import { useState } from "react";
import { Markdown } from "@/app/_components/ui/markdown";
import styles from "./parts.module.css";
import ui from "@/app/_components/ui/common.module.css";
import { NOTE_TAG, tagValue, type Run } from "./run-types";
import { useRunTagMutations } from "./use-run-tag-mutations";

/** The run's description: MLflow keeps it as markdown in the mlflow.note.content tag. */
export function NotesTab({ run }: { run: Run }) {
  const runId = run.info.runId;
  const note = tagValue(run, NOTE_TAG) ?? "";
  const { setTag } = useRunTagMutations(runId);
  const [draft, setDraft] = useState<string | undefined>();

  if (draft === undefined) {
    return (
      <section aria-labelledby="notes-title">
        <div className={styles.toolbar}>
          <h2 id="notes-title" className="visually-hidden">Notes</h2>
          <button type="button" onClick={() => setDraft(note)}>{note ? "Edit notes" : "Add notes"}</button>
        </div>
        {note ? (
          <div data-testid="note-view" className={styles.card}><Markdown source={note} /></div>
        ) : (
          <p className={ui.muted}>No notes yet. Describe what this run tried and what came of it; markdown works.</p>
        )}
      </section>
    );
  }
  return (
    <form
      aria-labelledby="notes-edit-title"
      onSubmit={(e) => {
        e.preventDefault();
        setTag.mutate({ runId, key: NOTE_TAG, value: draft }, { onSuccess: () => setDraft(undefined) });
      }}
    >
      <h2 id="notes-edit-title" className="visually-hidden">Edit notes</h2>
      <label>
        <span className="visually-hidden">Notes (markdown)</span>
        <textarea
          autoFocus
          value={draft}
          rows={12}
          style={{ width: "100%", boxSizing: "border-box" }}
          onChange={(e) => setDraft(e.target.value)}
          onKeyDown={(e) => e.key === "Escape" && setDraft(undefined)}
        />
      </label>
      <div className={styles.toolbar}>
        <button type="submit" className="primary" disabled={setTag.isPending}>Save notes</button>
        <button type="button" onClick={() => setDraft(undefined)}>Cancel</button>
        {setTag.isError && <span role="alert" className={ui.error}>{setTag.error.message}</span>}
      </div>
      {draft && (
        <>
          <h3 className={ui.muted}>Preview</h3>
          <Markdown source={draft} />
        </>
      )}
    </form>
  );
}
