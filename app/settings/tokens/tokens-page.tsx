"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import styles from "@/app/_components/account/account.module.css";
import { useAccountGuard } from "@/app/_components/account/use-account-guard";
import { useTRPC } from "@/app/_components/trpc";
import { ColumnHeads } from "@/app/_components/ui/column-heads";
import common from "@/app/_components/ui/common.module.css";
import { CopyTextButton } from "@/app/_components/ui/copy-text-button";
import { formatTime } from "@/app/_components/ui/format";
import { RevokeButton } from "@/app/_components/ui/revoke-button";

export function TokensPage() {
  const guard = useAccountGuard(false);
  return (
    <main className={styles.main}>
      <h1 className={styles.title}>API tokens</h1>
      {guard ?? <TokenManager />}
    </main>
  );
}

function TokenManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tokens = useQuery(trpc.account.tokens.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.account.tokens.list.queryKey() });
  const create = useMutation(trpc.account.tokens.create.mutationOptions({ onSuccess: refresh }));
  const revoke = useMutation(trpc.account.tokens.revoke.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");

  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name }, { onSuccess: () => setName("") });
  }

  return (
    <>
      <p className="muted">
        Scripts and the MLflow clients sign in with a token: <code>MLFLOW_TRACKING_TOKEN=&lt;token&gt;</code>, or as the password beside{" "}
        <code>MLFLOW_TRACKING_USERNAME</code>. A token acts as you.
      </p>
      <form className={`${styles.card} ${styles.form}`} onSubmit={submit}>
        <label className={styles.field}>
          New token’s name
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="e.g. training cluster" required maxLength={256} />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create token
        </button>
        {create.isError && <p role="alert" className={common.error}>{create.error.message}</p>}
      </form>
      {create.data && (
        <div className={styles.card} aria-label="New token">
          <h2>Token “{create.data.name}” created</h2>
          <p className="muted">Copy it now: it is shown this once and cannot be shown again.</p>
          <div className={styles.secret}>
            <code data-testid="new-token">{create.data.token}</code>
            <CopyTextButton text={create.data.token} />
          </div>
        </div>
      )}
      {tokens.isError && <p role="alert" className={common.error}>{tokens.error.message}</p>}
      {revoke.isError && <p role="alert" className={common.error}>{revoke.error.message}</p>}
      {tokens.data && tokens.data.length === 0 && <p className="muted">No tokens yet.</p>}
      {tokens.data && tokens.data.length > 0 && (
        <table className={`${common.table} ${common.buttonRows}`} aria-label="API tokens">
          <ColumnHeads columns={["Name", "Token", "Created", "Last used", "Status", "Actions"]} />
          <tbody>
            {tokens.data.map((token) => (
              <tr key={token.id} className={token.revokedTime ? styles.revoked : undefined}>
                <td>{token.name}</td>
                <td>
                  <code>{token.displayPrefix}…</code>
                </td>
                <td>{formatTime(token.creationTime)}</td>
                <td>{formatTime(token.lastUsedTime)}</td>
                <td>{token.revokedTime ? `Revoked ${formatTime(token.revokedTime)}` : "Active"}</td>
                <td className={common.actions}>
                  {!token.revokedTime && (
                    <RevokeButton what={`“${token.name}”`} consequence="Scripts using it stop at once." disabled={revoke.isPending} onRevoke={() => revoke.mutate({ id: token.id })} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
