"use client";
import { useState } from "react";
import styles from "./parts.module.css";
import ui from "@/app/_components/ui/common.module.css";
import { KeyValueRows } from "./key-value-rows";
import { isSystemTag, type Run } from "./run-types";
import { useRunTagMutations } from "./use-run-tag-mutations";

/** The user's tags, editable; MLflow's own (mlflow.*) below them, read-only. */
export function TagsTab({ run }: { run: Run }) {
  const runId = run.info.runId;
  const { setTag, deleteTag } = useRunTagMutations(runId);
  const [editing, setEditing] = useState<{ key: string; value: string } | undefined>();
  const userTags = run.data.tags.filter((t) => !isSystemTag(t.key));
  const systemTags = run.data.tags.filter((t) => isSystemTag(t.key));
  const error = setTag.error ?? deleteTag.error;

  return (
    <>
      <section className={styles.section} aria-labelledby="user-tags">
        <h2 id="user-tags">Tags</h2>
        <AddTagForm onAdd={(key, value, done) => setTag.mutate({ runId, key, value }, { onSuccess: done })} isPending={setTag.isPending} />
        {error && <p role="alert" className={ui.error}>{error.message}</p>}
        {userTags.length === 0 ? (
          <p className={ui.muted}>No tags yet. Tags are free-form labels, e.g. team = vision.</p>
        ) : (
          <table className={ui.table} aria-label="Tags">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              {userTags.map((tag) => (
                <tr key={tag.key} data-testid="tag-row">
                  <td className={ui.key}>{tag.key}</td>
                  <td className={ui.value}>
                    {editing?.key === tag.key ? (
                      <form
                        className={ui.inlineForm}
                        onSubmit={(e) => {
                          e.preventDefault();
                          setTag.mutate({ runId, key: tag.key, value: editing.value }, { onSuccess: () => setEditing(undefined) });
                        }}
                      >
                        <label>
                          <span className="visually-hidden">New value for {tag.key}</span>
                          <input autoFocus value={editing.value} onChange={(e) => setEditing({ key: tag.key, value: e.target.value })} onKeyDown={(e) => e.key === "Escape" && setEditing(undefined)} />
                        </label>
                        <button type="submit" className="primary" disabled={setTag.isPending}>Save</button>
                        <button type="button" onClick={() => setEditing(undefined)}>Cancel</button>
                      </form>
                    ) : (
                      tag.value
                    )}
                  </td>
                  <td className={ui.actions}>
                    <button type="button" onClick={() => setEditing({ key: tag.key, value: tag.value })} disabled={editing?.key === tag.key}>
                      Edit <span className="visually-hidden">{tag.key}</span>
                    </button>
                    <button type="button" className="danger" disabled={deleteTag.isPending} onClick={() => deleteTag.mutate({ runId, key: tag.key })}>
                      Delete <span className="visually-hidden">{tag.key}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section className={styles.section} aria-labelledby="system-tags">
        <h2 id="system-tags">System tags</h2>
        <p className={ui.muted}>Set by MLflow clients (mlflow.*); shown read-only.</p>
        <table className={ui.table} aria-label="System tags">
          <tbody>
            <KeyValueRows rows={systemTags} />
          </tbody>
        </table>
      </section>
    </>
  );
}

function AddTagForm({ onAdd, isPending }: { onAdd: (key: string, value: string, done: () => void) => void; isPending: boolean }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const reserved = isSystemTag(key.trim());
  return (
    <form
      className={styles.toolbar}
      onSubmit={(e) => {
        e.preventDefault();
        if (reserved || key.trim() === "") return;
        onAdd(key.trim(), value, () => {
          setKey("");
          setValue("");
        });
      }}
    >
      <label>
        <span className="visually-hidden">Tag key</span>
        <input placeholder="key" value={key} onChange={(e) => setKey(e.target.value)} />
      </label>
      <label>
        <span className="visually-hidden">Tag value</span>
        <input placeholder="value" value={value} onChange={(e) => setValue(e.target.value)} />
      </label>
      <button type="submit" disabled={isPending || key.trim() === "" || reserved}>Add tag</button>
      {reserved && <span className={ui.error}>Keys starting with “mlflow.” are reserved for MLflow.</span>}
    </form>
  );
}
