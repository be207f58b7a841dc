import { Suspense } from "react";
import { RunPage } from "./_parts/run-page";

export default async function RunRoute({ params }: { params: Promise<{ experimentId: string; runId: string }> }) {
  const { experimentId, runId } = await params;
  return (
    <Suspense fallback={<main><p className="muted">Loading run…</p></main>}>
      <RunPage experimentId={decodeURIComponent(experimentId)} runId={decodeURIComponent(runId)} />
    </Suspense>
  );
}
