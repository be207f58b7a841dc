import Link from "next/link";
import styles from "./not-found-page.module.css";

/** The app's 404 page body: what was not found, and the ways on from here. */
export function NotFoundPage({ title, children }: { title: string; children?: React.ReactNode }) {
  return (
    <main className={styles.main} data-testid="not-found">
      <p className={styles.code}>404</p>
      <h1 className={styles.title}>{title}</h1>
      {children}
      <p>
        <Link href="/">Back to all experiments</Link>
      </p>
    </main>
  );
}
