"use client";
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useState, type FormEvent } from "react";
import styles from "@/app/_components/account/account.module.css";
import { safeNextPath } from "@/app/_components/account/csrf";
import { useTRPC } from "@/app/_components/trpc";
import common from "@/app/_components/ui/common.module.css";

export function SignInForm() {
  const trpc = useTRPC();
  const next = safeNextPath(useSearchParams().get("next"));
  const who = useQuery({ ...trpc.account.whoAmI.queryOptions(), retry: false });
  const [error, setError] = useState<string | undefined>(undefined);
  const [isBusy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setBusy(true);
    setError(undefined);
    try {
      const res = await fetch("/api/auth/sign-in", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: form.get("username"), password: form.get("password") }),
      });
      // A full page load: every query (and the header) starts again as the signed-in user.
      if (res.ok) return window.location.assign(next);
      const body = (await res.json().catch(() => ({}))) as { message?: string };
      setError(body.message ?? `Sign-in failed (HTTP ${res.status}).`);
    } catch {
      setError("The server could not be reached.");
    }
    setBusy(false);
  }

  if (who.data && !who.data.authEnabled) {
    return (
      <main className={`${styles.main} ${styles.signIn}`}>
        <h1 className={styles.title}>Sign in</h1>
        <p className="muted">Sign-in is off on this server: everyone who can reach it may use it. Start it with --auth to require accounts.</p>
      </main>
    );
  }
  return (
    <main className={`${styles.main} ${styles.signIn}`}>
      <h1 className={styles.title}>Sign in to Metron</h1>
      {who.data?.user && <p className="muted">Signed in as {who.data.user.username}; signing in again switches accounts.</p>}
      <form className={`${styles.card} ${styles.form}`} onSubmit={submit}>
        <label className={styles.field}>
          Username
          <input name="username" autoComplete="username" required autoFocus />
        </label>
        <label className={styles.field}>
          Password
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        {error && (
          <p role="alert" className={common.error}>
            {error}
          </p>
        )}
        <button type="submit" className="primary" disabled={isBusy}>
          {isBusy ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </main>
  );
}
