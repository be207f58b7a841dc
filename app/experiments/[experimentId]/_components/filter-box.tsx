"use client";
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import { completionAt, keySuggestions, RUN_STATUSES, valueSuggestions, type Completion, type Suggestion } from "./filter-suggest";
import styles from "./runs-table.module.css";

/**
 * The MLflow filter box (with Metron's OR, NOT and parentheses): Enter applies, Escape reverts;
 * suggests keys and known values as you type; the server's message for an invalid filter shows
 * right under it.
 */
export function FilterBox(props: {
  experimentId: string;
  value: string;
  error?: string;
  keys: { params: string[]; metrics: string[]; tags: string[] } | undefined;
  onApply(filter: string): void;
}) {
  const trpc = useTRPC();
  const [draft, setDraft] = useState(props.value);
  const [cursor, setCursor] = useState(0);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const inputRef = useRef<HTMLInputElement>(null);
  const listId = useId();
  useEffect(() => setDraft(props.value), [props.value]);

  const completion: Completion | null = open ? completionAt(draft, cursor) : null;
  const valueQuery = useQuery({
    ...trpc.runsTable.keyValues.queryOptions({
      experimentIds: [props.experimentId],
      kind: completion?.type === "values" && completion.kind !== "status" ? completion.kind : "params",
      key: completion?.type === "values" ? completion.key : "_",
      prefix: completion?.type === "values" ? completion.prefix : "",
    }),
    enabled: completion?.type === "values" && completion.kind !== "status" && completion.key !== "",
    staleTime: 30_000,
  });
  const suggestions: Suggestion[] = useMemo(() => {
    if (!completion) return [];
    if (completion.type === "keys") return props.keys ? keySuggestions(completion.word, props.keys) : [];
    const values = completion.kind === "status" ? RUN_STATUSES.filter((s) => s.startsWith(completion.prefix.toUpperCase())) : (valueQuery.data?.values ?? []);
    return valueSuggestions(values, completion.closeQuote);
  }, [completion?.type, completion?.from, completion?.to, draft, props.keys, valueQuery.data]); // eslint-disable-line react-hooks/exhaustive-deps
  const showList = open && suggestions.length > 0;

  const accept = (s: Suggestion) => {
    if (!completion) return;
    const next = draft.slice(0, completion.from) + s.insert + draft.slice(completion.to);
    const at = completion.from + s.insert.length;
    setDraft(next);
    setActive(-1);
    requestAnimationFrame(() => {
      inputRef.current?.setSelectionRange(at, at);
      setCursor(at);
    });
  };
  const track = () => setCursor(inputRef.current?.selectionStart ?? 0);

  return (
    <div className={styles.filter}>
      <div className={styles.filterRow}>
        <input
          ref={inputRef}
          className={`${styles.input} ${styles.filterInput} ${props.error ? styles.invalid : ""}`}
          aria-label="Filter runs"
          placeholder="Filter: metrics.loss < 0.5 AND (params.lr = '0.01' OR tags.team = 'vision')"
          role="combobox"
          aria-expanded={showList}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-invalid={Boolean(props.error)}
          aria-describedby={props.error ? `${listId}-error` : undefined}
          aria-activedescendant={showList && active >= 0 ? `${listId}-${active}` : undefined}
          value={draft}
          spellCheck={false}
          onChange={(e) => {
            setDraft(e.target.value);
            setCursor(e.target.selectionStart ?? e.target.value.length);
            setOpen(true);
            setActive(-1);
          }}
          onKeyUp={track}
          onClick={() => {
            track();
            setOpen(true);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={(e) => {
            if (showList && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
              e.preventDefault();
              setActive((a) => (e.key === "ArrowDown" ? (a + 1) % suggestions.length : (a - 1 + suggestions.length) % suggestions.length));
            } else if (showList && (e.key === "Tab" || (e.key === "Enter" && active >= 0))) {
              // Tab takes the highlighted suggestion or the first; Enter only a highlighted one.
              e.preventDefault();
              accept(suggestions[Math.max(active, 0)]);
            } else if (e.key === "Enter") {
              e.preventDefault();
              setOpen(false);
              props.onApply(draft.trim());
            } else if (e.key === "Escape") {
              if (showList) setOpen(false);
              else setDraft(props.value);
            }
          }}
        />
        <button type="button" className={styles.button} onClick={() => props.onApply(draft.trim())}>
          Apply
        </button>
        {props.value && (
          <button type="button" className={styles.button} onClick={() => props.onApply("")}>
            Clear
          </button>
        )}
      </div>
      {showList && (
        <ul id={listId} role="listbox" className={styles.suggestions} aria-label="Suggestions">
          {suggestions.map((s, i) => (
            <li
              key={`${s.label}:${s.detail ?? ""}`}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? styles.activeOption : undefined}
              onMouseDown={(e) => {
                e.preventDefault();
                accept(s);
              }}
            >
              <span>{s.label}</span>
              {s.detail && <span className={styles.muted}>{s.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      {props.error && (
        <p id={`${listId}-error`} role="alert" className={styles.filterError} data-testid="filter-error">
          {props.error}
        </p>
      )}
    </div>
  );
}
