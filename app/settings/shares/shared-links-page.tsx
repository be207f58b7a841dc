"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_components/trpc";
import common from "@/app/_components/ui/common.module.css";
import { formatTime } from "@/app/_components/ui/format";
import { CopyTextButton } from "@/app/_components/sharing/copy-text-button";
import styles from "@/app/_components/sharing/sharing.module.css";

export function SharedLinksPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const links = useQuery(trpc.shares.list.queryOptions({}));
  const revoke = useMutation(trpc.shares.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.shares.list.queryKey() }) }));
  return (
    <main>
      <h1>Shared links</h1>
      <p className="muted">Read-only links you created. A revoked link stops working at once, for everyone who has it.</p>
      {links.isPending && <p className="muted" role="status">Loading…</p>}
      {links.error && <p role="alert" className={common.error}>{links.error.message}</p>}
      {revoke.error && <p role="alert" className={common.error}>{revoke.error.message}</p>}
      {links.data && links.data.links.length === 0 && <p>You have not shared anything yet: use “Share” on a run, a comparison or a model.</p>}
      {links.data && links.data.links.length > 0 && (
        <table className={styles.table} aria-label="Shared links">
          <thead>
            <tr>
              <th>Shares</th>
              <th>Created</th>
              <th>Expires</th>
              <th>State</th>
              <th>Link</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {links.data.links.map((link) => (
              <tr key={link.id}>
                <td>
                  <Link href={link.target}>{link.kind === "model" ? `model ${link.modelName}` : `${link.kind}: ${link.runIds.length} run${link.runIds.length === 1 ? "" : "s"}`}</Link>
                </td>
                <td>{formatTime(link.creationTime)}</td>
                <td>{formatTime(link.expiryTime)}</td>
                <td>{link.state}</td>
                <td>{link.state === "active" ? <CopyTextButton text={`${window.location.origin}${link.path}`} /> : "—"}</td>
                <td>
                  {link.state === "active" && (
                    <button type="button" onClick={() => revoke.mutate({ linkId: link.id })} disabled={revoke.isPending}>
                      Revoke
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </main>
  );
}
