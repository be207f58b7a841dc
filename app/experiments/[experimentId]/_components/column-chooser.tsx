"use client";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import { ATTRIBUTES, columnId } from "./columns";
import { isSystemMetric } from "./runs-table-rows";
import styles from "./runs-table.module.css";

type Item = { type: "group"; label: string; group: Group } | { type: "column"; id: string; label: string };

type Group = "attribute" | "metric" | "system" | "param" | "tag";
const GROUPS: { group: Group; label: string }[] = [
  { group: "attribute", label: "Attributes" },
  { group: "metric", label: "Metrics" },
  { group: "system", label: "System metrics" },
  { group: "param", label: "Parameters" },
  { group: "tag", label: "Tags" },
];
/** Collapsed until opened (or searched): dozens of `system/…` series would bury the training metrics. */
const COLLAPSED_GROUPS: ReadonlySet<Group> = new Set(["system"]);

/**
 * Show or hide columns, searchable over every key of the experiment. The list is virtualized, so
 * an experiment with tens of thousands of keys renders a screenful of checkboxes, not all of them.
 */
export function ColumnChooser(props: {
  keys: { params: string[]; metrics: string[]; tags: string[] } | undefined;
  shown: string[];
  onToggle(columnId: string, show: boolean): void;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (!rootRef.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);
  return (
    <div className={styles.popoverRoot} ref={rootRef} onKeyDown={(e) => e.key === "Escape" && setOpen(false)}>
      <button type="button" className={styles.button} aria-expanded={open} aria-haspopup="dialog" onClick={() => setOpen(!open)}>
        Columns ({props.shown.length})
      </button>
      {open && <ChooserPanel {...props} />}
    </div>
  );
}

function ChooserPanel({ keys, shown, onToggle }: Parameters<typeof ColumnChooser>[0]) {
  const [search, setSearch] = useState("");
  const [opened, setOpened] = useState<ReadonlySet<Group>>(new Set());
  const shownSet = useMemo(() => new Set(shown), [shown]);
  const items = useMemo<Item[]>(() => {
    const needle = search.trim().toLowerCase();
    const metric = (k: string) => ({ id: columnId("metric", k), label: k });
    const byGroup: Record<Group, { id: string; label: string }[]> = {
      attribute: Object.entries(ATTRIBUTES).map(([key, a]) => ({ id: columnId("attribute", key), label: a.label })),
      metric: (keys?.metrics ?? []).filter((k) => !isSystemMetric(k)).map(metric),
      system: (keys?.metrics ?? []).filter(isSystemMetric).map(metric),
      param: (keys?.params ?? []).map((k) => ({ id: columnId("param", k), label: k })),
      tag: (keys?.tags ?? []).map((k) => ({ id: columnId("tag", k), label: k })),
    };
    return GROUPS.flatMap(({ group, label }) => {
      const matches = needle ? byGroup[group].filter((c) => c.label.toLowerCase().includes(needle)) : byGroup[group];
      if (matches.length === 0) return [];
      const isCollapsed = !needle && COLLAPSED_GROUPS.has(group) && !opened.has(group);
      const heading = { type: "group" as const, label: `${label} (${matches.length})`, group };
      return isCollapsed ? [heading] : [heading, ...matches.map((c) => ({ type: "column" as const, ...c }))];
    });
  }, [keys, search, opened]);
  const listRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => listRef.current, estimateSize: () => 28, overscan: 10 });
  return (
    <div role="dialog" aria-label="Choose columns" className={`${styles.popover} ${styles.chooser}`}>
      <input
        type="search"
        autoFocus
        className={styles.input}
        placeholder="Search columns…"
        aria-label="Search columns"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      {!keys && <p className={styles.muted}>Loading keys…</p>}
      <div ref={listRef} className={styles.chooserList} data-testid="column-chooser-list">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {virtualizer.getVirtualItems().map((v) => {
            const item = items[v.index];
            const style = { position: "absolute" as const, top: 0, left: 0, right: 0, height: v.size, transform: `translateY(${v.start}px)` };
            if (item.type === "group") {
              if (!COLLAPSED_GROUPS.has(item.group) || search.trim()) {
                return (
                  <div key={`g:${item.group}`} className={styles.chooserGroup} style={style}>
                    {item.label}
                  </div>
                );
              }
              const isOpen = opened.has(item.group);
              const toggle = () => setOpened((o) => (isOpen ? new Set([...o].filter((g) => g !== item.group)) : new Set([...o, item.group])));
              return (
                <div key={`g:${item.group}`} className={styles.chooserGroup} style={style}>
                  <button type="button" className={styles.groupToggle} aria-expanded={isOpen} onClick={toggle}>
                    {isOpen ? "▾" : "▸"} {item.label}
                  </button>
                </div>
              );
            }
            return (
              <label key={item.id} className={styles.chooserItem} style={style} title={item.label}>
                <input type="checkbox" checked={shownSet.has(item.id)} onChange={(e) => onToggle(item.id, e.target.checked)} />
                <span>{item.label}</span>
              </label>
            );
          })}
        </div>
      </div>
      {items.length === 0 && keys && <p className={styles.muted}>No column matches “{search}”.</p>}
    </div>
  );
}
