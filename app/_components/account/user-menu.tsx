"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTRPC } from "@/app/_components/trpc";
import styles from "./account.module.css";
import { signOutAndLeave } from "./csrf";

/** Who is signed in, with their tokens, the admin pages and sign-out; nothing at all while auth is off. */
export function UserMenu() {
  const trpc = useTRPC();
  const pathname = usePathname();
  const who = useQuery({ ...trpc.account.whoAmI.queryOptions(), retry: false, staleTime: 60_000 });
  if (!who.data?.authEnabled) return null;
  const { user } = who.data;
  if (!user) {
    if (pathname === "/sign-in") return null;
    return (
      <Link className={styles.signInLink} href={`/sign-in?next=${encodeURIComponent(pathname)}`}>
        Sign in
      </Link>
    );
  }
  return (
    <details className={styles.menu}>
      <summary aria-label={`Signed in as ${user.username}`}>
        {user.username}
        {user.isAdmin && <span className={styles.badge}>admin</span>}
      </summary>
      {/* A chosen item closes the menu: client-side navigation keeps the header (and its open <details>). */}
      <div className={styles.menuItems} onClick={(e) => ((e.currentTarget.parentElement as HTMLDetailsElement).open = false)}>
        <Link href="/settings/tokens">API tokens</Link>
        {user.isAdmin && <Link href="/admin/users">Users</Link>}
        {user.isAdmin && <Link href="/admin/teams">Teams</Link>}
        <button type="button" onClick={signOutAndLeave}>
          Sign out
        </button>
      </div>
    </details>
  );
}
