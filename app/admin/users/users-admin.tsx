"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import styles from "@/app/_components/account/account.module.css";
import { useAccountGuard } from "@/app/_components/account/use-account-guard";
import { useTRPC } from "@/app/_components/trpc";
import { ColumnHeads } from "@/app/_components/ui/column-heads";
import common from "@/app/_components/ui/common.module.css";
import { formatTime } from "@/app/_components/ui/format";

export function UsersAdmin() {
  const guard = useAccountGuard(true);
  return (
    <main className={styles.main}>
      <h1 className={styles.title}>Users</h1>
      {guard ?? <UserManager />}
    </main>
  );
}

function UserManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const users = useQuery(trpc.admin.users.list.queryOptions());
  const me = useQuery(trpc.account.whoAmI.queryOptions()).data?.user?.username;
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.users.list.queryKey() });
  const create = useMutation(trpc.admin.users.create.mutationOptions({ onSuccess: refresh }));
  const setAdmin = useMutation(trpc.admin.users.setAdmin.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.users.delete.mutationOptions({ onSuccess: refresh }));
  const reset = useMutation(trpc.admin.users.resetPassword.mutationOptions());
  const [draft, setDraft] = useState({ username: "", password: "", isAdmin: false });
  const [resetting, setResetting] = useState<{ userId: number; password: string } | undefined>(undefined);
  const failed = [create, setAdmin, remove, reset].find((m) => m.isError)?.error;

  function submitNew(event: FormEvent) {
    event.preventDefault();
    create.mutate(draft, { onSuccess: () => setDraft({ username: "", password: "", isAdmin: false }) });
  }

  function submitReset(event: FormEvent) {
    event.preventDefault();
    if (resetting) reset.mutate(resetting, { onSuccess: () => setResetting(undefined) });
  }

  return (
    <>
      <form className={`${styles.card} ${styles.form}`} onSubmit={submitNew} aria-label="New user">
        <label className={styles.field}>
          Username
          <input value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.target.value })} required autoComplete="off" />
        </label>
        <label className={styles.field}>
          Password (8+ characters)
          <input type="password" value={draft.password} onChange={(e) => setDraft({ ...draft, password: e.target.value })} required minLength={8} autoComplete="new-password" />
        </label>
        <label className={styles.checkField}>
          <input type="checkbox" checked={draft.isAdmin} onChange={(e) => setDraft({ ...draft, isAdmin: e.target.checked })} /> Admin
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create user
        </button>
      </form>
      {failed && <p role="alert" className={common.error}>{failed.message}</p>}
      {reset.isSuccess && <p role="status" className="muted">Password reset; that user’s browser sessions were signed out.</p>}
      {users.isError && <p role="alert" className={common.error}>{users.error.message}</p>}
      {users.data && (
        <table className={`${common.table} ${common.buttonRows}`} aria-label="Users">
          <ColumnHeads columns={["Username", "Role", "Created", "Actions"]} />
          <tbody>
            {users.data.map((user) => (
              <tr key={user.id}>
                <td>{user.username}</td>
                <td>{user.isAdmin ? "Admin" : "User"}</td>
                <td>{formatTime(user.creationTime)}</td>
                <td className={common.actions}>
                  {resetting?.userId === user.id ? (
                    <form className={common.inlineForm} onSubmit={submitReset}>
                      <input
                        type="password"
                        aria-label={`New password for ${user.username}`}
                        value={resetting.password}
                        onChange={(e) => setResetting({ userId: user.id, password: e.target.value })}
                        minLength={8}
                        required
                        autoFocus
                        autoComplete="new-password"
                      />
                      <button type="submit" className="primary" disabled={reset.isPending}>
                        Set password
                      </button>
                      <button type="button" onClick={() => setResetting(undefined)}>
                        Cancel
                      </button>
                    </form>
                  ) : (
                    <>
                      <button type="button" onClick={() => setResetting({ userId: user.id, password: "" })}>
                        Reset password
                      </button>
                      <button type="button" disabled={setAdmin.isPending} onClick={() => setAdmin.mutate({ userId: user.id, isAdmin: !user.isAdmin })}>
                        {user.isAdmin ? "Remove admin" : "Make admin"}
                      </button>
                      {user.username !== me && (
                        <button
                          type="button"
                          className="danger"
                          disabled={remove.isPending}
                          onClick={() => window.confirm(`Delete ${user.username} with their tokens and grants?`) && remove.mutate({ userId: user.id })}
                        >
                          Delete
                        </button>
                      )}
                    </>
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
