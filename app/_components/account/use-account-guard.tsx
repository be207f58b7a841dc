"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { ReactNode } from "react";
import { useTRPC } from "@/app/_components/trpc";

/**
 * What an account page shows instead of itself: a note while auth is off, a sign-in link while
 * signed out, a refusal for a non-admin on an admin page; undefined when the page may render.
 */
export function useAccountGuard(needsAdmin: boolean): ReactNode | undefined {
  const trpc = useTRPC();
  const pathname = usePathname();
  const who = useQuery({ ...trpc.account.whoAmI.queryOptions(), retry: false });
  if (!who.data) return who.isError ? <p className="muted">{who.error.message}</p> : <p className="muted">Loading…</p>;
  if (!who.data.authEnabled) return <p className="muted">Sign-in is off on this server, so there are no accounts: start it with --auth to have users and tokens.</p>;
  if (!who.data.user) {
    return (
      <p>
        <Link href={`/sign-in?next=${encodeURIComponent(pathname)}`}>Sign in</Link> to see this page.
      </p>
    );
  }
  if (needsAdmin && !who.data.user.isAdmin) return <p className="muted">Only an admin may manage users and teams.</p>;
  return undefined;
}
