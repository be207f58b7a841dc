"use client";
import { useState, type ReactNode } from "react";
import styles from "./registry.module.css";

/** Tags as removable chips, and a small key/value form to add (or overwrite) one. */
export function TagChips(props: { owner: string; tags: { key: string; value: string }[]; onSet: (key: string, value: string) => Promise<unknown>; onDelete: (key: string) => void }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  return (
    <span className={styles.chips}>
      {props.tags.map((t) => (
        <RemovableChip key={t.key} className={styles.chip} removeLabel={`Remove tag ${t.key} of ${props.owner}`} onRemove={() => props.onDelete(t.key)}>
          {t.key}{t.value ? `: ${t.value}` : ""}
        </RemovableChip>
      ))}
      <form
        className={styles.chips}
        onSubmit={async (e) => {
          e.preventDefault();
          if (!key.trim()) return;
          await props.onSet(key.trim(), value);
          setKey("");
          setValue("");
        }}
      >
        <input aria-label={`Tag key for ${props.owner}`} placeholder="key" size={8} value={key} onChange={(e) => setKey(e.target.value)} />
        <input aria-label={`Tag value for ${props.owner}`} placeholder="value" size={8} value={value} onChange={(e) => setValue(e.target.value)} />
        <button type="submit" aria-label={`Add tag to ${props.owner}`}>+</button>
      </form>
    </span>
  );
}

/** A chip (tag, alias) with its × button. */
export function RemovableChip(props: { className: string; removeLabel: string; onRemove: () => void; children: ReactNode }) {
  return (
    <span className={props.className}>
      {props.children}
      <button type="button" className={styles.chipButton} aria-label={props.removeLabel} onClick={props.onRemove}>
        ×
      </button>
    </span>
  );
}
