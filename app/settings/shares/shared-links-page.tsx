"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import styles from "@/app/_components/account/account.module.css";
import { useTRPC } from "@/app/_components/trpc";
import { ColumnHeads } from "@/app/_components/ui/column-heads";
import common from "@/app/_components/ui/common.module.css";
import { CopyTextButton } from "@/app/_components/ui/copy-text-button";
import { formatTime } from "@/app/_components/ui/format";
import { RevokeButton } from "@/app/_components/ui/revoke-button";

export function SharedLinksPage() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const links = useQuery(trpc.shares.list.queryOptions({}));
  const revoke = useMutation(trpc.shares.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.shares.list.queryKey() }) }));
  return (
    <main className={styles.main}>
      <h1 className={styles.title}>Shared links</h1>
      <p className="muted">Read-only links you created. A revoked link stops working at once, for everyone who has it.</p>
      {links.isPending && <p className="muted" role="status">Loading…</p>}
      {links.error && <p role="alert" className={common.error}>{links.error.message}</p>}
      {revoke.error && <p role="alert" className={common.error}>{revoke.error.message}</p>}
      {links.data && links.data.links.length === 0 && <p>You have not shared anything yet: use “Share” on a run, a comparison, its charts or a model.</p>}
      {links.data && links.data.links.length > 0 && (
        <table className={`${common.table} ${common.buttonRows}`} aria-label="Shared links">
          <ColumnHeads columns={["Shares", "Created", "Expires", "State", "Link", "Actions"]} />
          <tbody>
            {links.data.links.map((link) => (
              <tr key={link.id} className={link.state === "active" ? undefined : styles.revoked}>
                <td>
                  <Link href={link.target}>{link.kind === "model" ? `model ${link.modelName}` : `${link.kind}: ${link.runIds.length} run${link.runIds.length === 1 ? "" : "s"}`}</Link>
                </td>
                <td>{formatTime(link.creationTime)}</td>
                <td>{formatTime(link.expiryTime)}</td>
                <td>{link.state}</td>
                <td>{link.state === "active" ? <CopyTextButton text={`${window.location.origin}${link.path}`} /> : "—"}</td>
                <td className={common.actions}>
                  {link.state === "active" && (
                    <RevokeButton what="this link" consequence="Everyone who has it loses access at once." disabled={revoke.isPending} onRevoke={() => revoke.mutate({ linkId: link.id })} />
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
