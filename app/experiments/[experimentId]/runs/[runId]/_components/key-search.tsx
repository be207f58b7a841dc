"use client";
import { useQueryState } from "nuqs";
import { runPageParams } from "../search-params";
import styles from "./parts.module.css";
import ui from "@/app/_components/ui/common.module.css";

/**
 * A search over a run's keys, kept in the URL under `param` so that a shared link shows the
 * same rows. The run's full list is already on the page, so matching happens here.
 */
export function useKeySearch(param: "params" | "metrics") {
  const [text, setText] = useQueryState(param, runPageParams[param]);
  const needle = text.trim().toLowerCase();
  return { text, setText, matches: (key: string) => needle === "" || key.toLowerCase().includes(needle) };
}

export function KeySearchBox({ label, text, setText, shown, total }: { label: string; text: string; setText: (v: string) => void; shown: number; total: number }) {
  return (
    <div className={styles.toolbar}>
      <label>
        <span className="visually-hidden">{label}</span>
        <input type="search" placeholder={label} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <span className={ui.muted} role="status">
        {shown === total ? `${total} in all` : `${shown} of ${total} match`}
      </span>
    </div>
  );
}
