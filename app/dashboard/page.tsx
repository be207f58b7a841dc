import { Suspense } from "react";
import { DashboardPage } from "./_parts/dashboard-page";

// /dashboard[?exp=<experiment id>&days=…&user=…&status=…&day=…&metric=…&goal=…] — the portal
// dashboard for the whole server or one experiment; every choice lives in the URL.
export default function DashboardRoute() {
  return (
    <Suspense fallback={<main><p className="muted">Loading dashboard…</p></main>}>
      <DashboardPage />
    </Suspense>
  );
}
