import Link from "next/link";
import styles from "./not-found-page.module.css";

/** The app's 404 (and 401, 403) page body: what was not found or refused, and the ways on from here. */
export function NotFoundPage({ title, children, status = 404 }: { title: string; children?: React.ReactNode; status?: 401 | 403 | 404 }) {
  return (
    <main className={styles.main} data-testid={status === 404 ? "not-found" : `status-${status}`}>
      <p className={styles.code}>{status}</p>
      <h1 className={styles.title}>{title}</h1>
      {children}
      <p>
        <Link href="/">Back to all experiments</Link>
      </p>
    </main>
  );
}
