"use client";
import type { ReactNode } from "react";
import { RUN_STATUSES } from "./filter-suggest";
import type { RunViewType, ViewState } from "./view-state";
import styles from "./runs-table.module.css";

const VIEWS: { value: RunViewType; label: string }[] = [
  { value: "ACTIVE_ONLY", label: "Active runs" },
  { value: "DELETED_ONLY", label: "Deleted runs" },
  { value: "ALL", label: "Active and deleted" },
];

/** Status facets, deleted-runs view, nesting, columns, CSV and share link. */
export function ViewToolbar(props: {
  state: ViewState;
  update(patch: Partial<ViewState>): void;
  chooser: ReactNode;
  csvHref: string;
  onCopyLink(): void;
  copied: string | null;
  /** Top-level runs loaded, and how many runs are nested under them (expanded or not). */
  loadedCount: number;
  nestedCount: number;
  hasMore: boolean;
}) {
  const { state, update } = props;
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Runs view">
      <div className={styles.facets} role="group" aria-label="Status">
        {RUN_STATUSES.map((status) => {
          const isOn = state.statuses.includes(status);
          return (
            <button
              key={status}
              type="button"
              aria-pressed={isOn}
              className={`${styles.chip} ${isOn ? styles.chipOn : ""}`}
              onClick={() => update({ statuses: isOn ? state.statuses.filter((s) => s !== status) : [...state.statuses, status], selected: [] })}
            >
              {status.toLowerCase()}
            </button>
          );
        })}
      </div>
      <select aria-label="Lifecycle" className={styles.select} value={state.view} onChange={(e) => update({ view: e.target.value as RunViewType, selected: [] })}>
        {VIEWS.map((v) => (
          <option key={v.value} value={v.value}>
            {v.label}
          </option>
        ))}
      </select>
      <label className={styles.check}>
        <input type="checkbox" checked={!state.flat} onChange={(e) => update({ flat: !e.target.checked, expanded: [] })} />
        Nest child runs
      </label>
      <span className={styles.spacer} />
      <span className={styles.muted} aria-live="polite">
        {props.loadedCount.toLocaleString("en")} run{props.loadedCount === 1 ? "" : "s"}
        {props.nestedCount > 0 ? ` · ${props.nestedCount.toLocaleString("en")} nested` : ""}
        {props.hasMore ? " loaded, more on scroll" : ""}
      </span>
      {props.chooser}
      <a className={styles.button} href={props.csvHref} download>
        Download CSV
      </a>
      <button type="button" className={styles.button} onClick={props.onCopyLink}>
        {props.copied ? "Link copied" : "Copy link"}
      </button>
      {props.copied && <input readOnly className={styles.visuallyHidden} aria-label="Link to this view" data-testid="share-link" value={props.copied} />}
    </div>
  );
}
