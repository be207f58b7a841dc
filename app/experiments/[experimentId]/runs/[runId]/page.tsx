import { connection } from "next/server";
import { Suspense } from "react";
import { notFoundIfMissing } from "@/app/_components/not-found-check";
import { pageCaller } from "@/server/trpc/page-caller";
import { RunPage } from "./_components/run-page";

export default async function RunRoute({ params }: { params: Promise<{ experimentId: string; runId: string }> }) {
  await connection();
  const { experimentId, runId } = await params;
  // An unknown run is a 404 page (with its status), decided before anything streams.
  await (await pageCaller()).runPage.get({ runId: decodeURIComponent(runId) }).catch(notFoundIfMissing);
  return (
    <Suspense fallback={<main><p className="muted">Loading run…</p></main>}>
      <RunPage experimentId={decodeURIComponent(experimentId)} runId={decodeURIComponent(runId)} />
    </Suspense>
  );
}
