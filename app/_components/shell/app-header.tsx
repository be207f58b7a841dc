"use client";
import Link from "next/link";
import styles from "./app-header.module.css";
import { UserMenu } from "../account/user-menu";
import { ThemeSwitch } from "./theme-switch";
import { useServerHost } from "./use-origin";

export function AppHeader() {
  const host = useServerHost();
  return (
    <header className={styles.header}>
      <Link href="/" className={styles.brand} aria-label="Metron: all experiments">
        Metron
      </Link>
      {host && (
        <span className={styles.server} title="The tracking server this page is served by">
          {host}
        </span>
      )}
      <nav aria-label="Main" className={styles.nav}>
        <Link href="/">Experiments</Link>
        <Link href="/models">Models</Link>
        <Link href="/dashboard">Dashboard</Link>
      </nav>
      <ThemeSwitch />
      <UserMenu />
    </header>
  );
}
