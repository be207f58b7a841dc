"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import styles from "@/app/_components/account/account.module.css";
import { useAccountGuard } from "@/app/_components/account/use-account-guard";
import { useTRPC } from "@/app/_components/trpc";
import common from "@/app/_components/ui/common.module.css";

export function TeamsAdmin() {
  const guard = useAccountGuard(true);
  return (
    <main className={styles.main}>
      <h1 className={styles.title}>Teams</h1>
      {guard ?? <TeamManager />}
    </main>
  );
}

function TeamManager() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const teams = useQuery(trpc.admin.teams.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.admin.teams.list.queryKey() });
  const create = useMutation(trpc.admin.teams.create.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.admin.teams.delete.mutationOptions({ onSuccess: refresh }));
  const addMember = useMutation(trpc.admin.teams.addMember.mutationOptions({ onSuccess: refresh }));
  const removeMember = useMutation(trpc.admin.teams.removeMember.mutationOptions({ onSuccess: refresh }));
  const [name, setName] = useState("");
  const [newMembers, setNewMembers] = useState<Record<number, string>>({});
  const failed = [create, remove, addMember, removeMember].find((m) => m.isError)?.error;

  function submitTeam(event: FormEvent) {
    event.preventDefault();
    create.mutate({ name }, { onSuccess: () => setName("") });
  }

  function submitMember(event: FormEvent, teamId: number) {
    event.preventDefault();
    addMember.mutate({ teamId, username: newMembers[teamId] ?? "" }, { onSuccess: () => setNewMembers({ ...newMembers, [teamId]: "" }) });
  }

  return (
    <>
      <form className={`${styles.card} ${styles.form}`} onSubmit={submitTeam} aria-label="New team">
        <label className={styles.field}>
          Team name
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={256} />
        </label>
        <button type="submit" className="primary" disabled={create.isPending}>
          Create team
        </button>
      </form>
      {failed && <p role="alert" className={common.error}>{failed.message}</p>}
      {teams.isError && <p role="alert" className={common.error}>{teams.error.message}</p>}
      {teams.data?.length === 0 && <p className="muted">No teams yet.</p>}
      {teams.data?.map((team) => (
        <section key={team.id} className={styles.card} aria-label={`Team ${team.name}`}>
          <h2>{team.name}</h2>
          <div className={styles.chips}>
            {team.members.length === 0 && <span className="muted">No members.</span>}
            {team.members.map((member) => (
              <span key={member.userId} className={styles.chip}>
                {member.username}
                <button
                  type="button"
                  aria-label={`Remove ${member.username} from ${team.name}`}
                  onClick={() => removeMember.mutate({ teamId: team.id, userId: member.userId })}
                >
                  ×
                </button>
              </span>
            ))}
          </div>
          <form className={styles.form} onSubmit={(e) => submitMember(e, team.id)}>
            <input
              aria-label={`Username to add to ${team.name}`}
              placeholder="Username"
              value={newMembers[team.id] ?? ""}
              onChange={(e) => setNewMembers({ ...newMembers, [team.id]: e.target.value })}
              required
            />
            <button type="submit" disabled={addMember.isPending}>
              Add member
            </button>
            <button
              type="button"
              className="danger"
              onClick={() => window.confirm(`Delete team ${team.name} and the permissions granted to it?`) && remove.mutate({ teamId: team.id })}
            >
              Delete team
            </button>
          </form>
        </section>
      ))}
    </>
  );
}
