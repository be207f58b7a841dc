"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRef, useState } from "react";
import { useTRPC } from "@/app/_components/trpc";
import common from "@/app/_components/ui/common.module.css";
import styles from "./sharing.module.css";
import { EXPIRY_CHOICES } from "./expiry-choices";
import { CopyTextButton } from "@/app/_components/ui/copy-text-button";

export type ShareScope = { kind: "run"; runIds: string[] } | { kind: "compare"; runIds: string[] } | { kind: "chart"; runIds: string[] } | { kind: "model"; modelName: string };

/**
 * "Share": a read-only link to this view (its URL, so tab and chart settings too, or `target` when the
 * view is not one a link may open) for people without an account, valid for the chosen time. Shown only
 * to signed-in users of a server with auth on.
 */
export function ShareButton({ scope, target }: { scope: ShareScope; target?: () => string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [hours, setHours] = useState<number>(EXPIRY_CHOICES[1].hours);
  const allowed = useQuery({ ...trpc.shares.canShare.queryOptions({}), staleTime: Infinity });
  const create = useMutation(trpc.shares.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.shares.list.queryKey() }) }));
  if (!allowed.data?.canShare) return null;

  const open = () => {
    create.reset();
    dialog.current?.showModal();
  };
  const submit = () => {
    create.mutate({ ...scope, target: target?.() ?? `${window.location.pathname}${window.location.search}`, expiresInHours: hours });
  };
  const link = create.data?.link;
  return (
    <>
      <button type="button" onClick={open}>
        Share
      </button>
      <dialog ref={dialog} className={styles.dialog} aria-label="Share a read-only link">
        <h2 className={styles.dialogTitle}>Share a read-only link</h2>
        {link ? (
          <>
            <p className="muted">Anyone with this link can view {describe(scope)} until {new Date(link.expiryTime).toLocaleString()}. Revoke it in <Link href="/settings/shares">your shared links</Link>.</p>
            <div className={styles.linkRow}>
              <input aria-label="Share link" readOnly value={`${window.location.origin}${link.path}`} size={48} onFocus={(e) => e.currentTarget.select()} />
              <CopyTextButton text={`${window.location.origin}${link.path}`} />
            </div>
          </>
        ) : (
          <label className={styles.field}>
            Expires after{" "}
            <select value={hours} onChange={(e) => setHours(Number(e.target.value))}>
              {EXPIRY_CHOICES.map((c) => (
                <option key={c.hours} value={c.hours}>
                  {c.label}
                </option>
              ))}
            </select>
          </label>
        )}
        {create.error && <p role="alert" className={common.error}>{create.error.message}</p>}
        <div className={styles.dialogActions}>
          {!link && (
            <button type="button" onClick={submit} disabled={create.isPending}>
              {create.isPending ? "Creating…" : "Create link"}
            </button>
          )}
          <button type="button" onClick={() => dialog.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}

function describe(scope: ShareScope): string {
  if (scope.kind === "model") return `the model ${scope.modelName}`;
  if (scope.kind === "chart") return `these charts of ${scope.runIds.length === 1 ? "1 run" : `${scope.runIds.length} runs`}`;
  return scope.runIds.length === 1 ? "this run" : `these ${scope.runIds.length} runs`;
}
