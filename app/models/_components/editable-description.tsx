"use client";
import { useState } from "react";
import common from "@/app/_components/ui/common.module.css";
import styles from "./registry.module.css";

/** A description shown as text, edited in place (Edit → textarea → Save/Cancel). */
export function EditableDescription(props: { label: string; value: string; onSave: (text: string) => Promise<unknown>; isSaving: boolean; error?: string }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <div className={styles.descriptionBox}>
        {props.value ? <p className={styles.description}>{props.value}</p> : <span className="muted">No description.</span>}
        <button type="button" onClick={() => setDraft(props.value)} aria-label={`Edit ${props.label}`}>
          Edit
        </button>
      </div>
    );
  }
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        await props.onSave(draft);
        setDraft(null);
      }}
    >
      <textarea className={styles.textarea} aria-label={props.label} value={draft} onChange={(e) => setDraft(e.target.value)} autoFocus />
      <div className={styles.toolbar}>
        <button type="submit" disabled={props.isSaving}>Save</button>
        <button type="button" onClick={() => setDraft(null)}>Cancel</button>
        {props.error && <span role="alert" className={common.error}>{props.error}</span>}
      </div>
    </form>
  );
}
