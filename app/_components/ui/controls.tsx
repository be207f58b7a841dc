import type { ReactNode } from "react";
import styles from "./controls.module.css";

/** A small caption over its field (a select, a search box, a slider): the toolbars' one control shape. */
export function Control({ label, children }: { label: ReactNode; children: ReactNode }) {
  return (
    <label className={styles.control}>
      <span className={styles.controlLabel}>{label}</span>
      {children}
    </label>
  );
}

/** A checkbox with its label after it; `className` adds to the shared look (spacing in a toolbar). */
export function CheckControl({ label, checked, onChange, className }: { label: string; checked: boolean; onChange(checked: boolean): void; className?: string }) {
  return (
    <label className={className ? `${styles.check} ${className}` : styles.check}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}
