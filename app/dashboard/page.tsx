import { connection } from "next/server";
import { Suspense } from "react";
import { pageCaller } from "@/server/trpc/page-caller";
import { DashboardPage } from "./_components/dashboard-page";
import { dashboardInput, parseDashboardView } from "./_components/dashboard-links";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// /dashboard[?exp=<experiment id>&days=…&user=…&status=…&day=…&metric=…&goal=…] — the portal
// dashboard for the whole server or one experiment; every choice lives in the URL. The first answer
// comes with the page, so the numbers are on screen without a second round trip.
export default async function DashboardRoute({ searchParams }: Props) {
  await connection();
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const v of [value ?? []].flat()) query.append(key, v);
  }
  const input = dashboardInput(parseDashboardView(query));
  // A failure (an unknown experiment, a bad status) is left to the page, which asks again and shows it.
  const data = await (await pageCaller()).dashboard.get(input).catch(() => undefined);
  return (
    <Suspense fallback={<main><p className="muted">Loading dashboard…</p></main>}>
      <DashboardPage initial={data && { key: JSON.stringify(input), data }} />
    </Suspense>
  );
}
