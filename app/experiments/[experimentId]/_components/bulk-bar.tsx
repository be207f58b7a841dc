"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import styles from "./runs-table.module.css";

/** Actions on the selected runs: delete, restore, set a tag, compare. */
export function BulkBar(props: { selected: string[]; onDone(clearSelection: boolean): void }) {
  const trpc = useTRPC();
  const client = useQueryClient();
  const [tagging, setTagging] = useState(false);
  const [tag, setTag] = useState({ key: "", value: "" });
  const update = useMutation({
    ...trpc.runsTable.update.mutationOptions(),
    onSuccess: async (_data, input) => {
      await client.invalidateQueries({ queryKey: ["runsTable"] });
      await client.invalidateQueries({ queryKey: trpc.runsTable.keys.queryKey() });
      setTagging(false);
      props.onDone(input.action.type !== "setTag");
    },
  });
  const n = props.selected.length;
  const act = (action: Parameters<typeof update.mutate>[0]["action"]) => update.mutate({ runIds: props.selected, action });
  return (
    <div className={styles.bulkBar} role="toolbar" aria-label="Selected runs">
      <strong>
        {n} run{n === 1 ? "" : "s"} selected
      </strong>
      <button type="button" className={styles.button} disabled={update.isPending} onClick={() => act({ type: "delete" })}>
        Delete
      </button>
      <button type="button" className={styles.button} disabled={update.isPending} onClick={() => act({ type: "restore" })}>
        Restore
      </button>
      {tagging ? (
        <form
          className={styles.tagForm}
          onSubmit={(e) => {
            e.preventDefault();
            if (tag.key.trim()) act({ type: "setTag", tag: { key: tag.key.trim(), value: tag.value } });
          }}
        >
          <input className={styles.input} aria-label="Tag key" placeholder="key" autoFocus value={tag.key} onChange={(e) => setTag({ ...tag, key: e.target.value })} />
          <input className={styles.input} aria-label="Tag value" placeholder="value" value={tag.value} onChange={(e) => setTag({ ...tag, value: e.target.value })} />
          <button type="submit" className={styles.button} disabled={update.isPending || !tag.key.trim()}>
            Set tag
          </button>
          <button type="button" className={styles.button} onClick={() => setTagging(false)}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className={styles.button} onClick={() => setTagging(true)}>
          Set tag…
        </button>
      )}
      <Link className={styles.button} href={`/compare?runs=${props.selected.map(encodeURIComponent).join(",")}`}>
        Compare
      </Link>
      <button type="button" className={styles.linkButton} onClick={() => props.onDone(true)}>
        Clear selection
      </button>
      {update.isError && (
        <span role="alert" className={styles.errorText}>
          {update.error.message}
        </span>
      )}
    </div>
  );
}
