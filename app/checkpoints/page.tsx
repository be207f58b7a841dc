import { Suspense } from "react";
import { CheckpointsPage } from "./_components/checkpoints-page";

// /checkpoints?runs=<id>,<id>,… — the checkpoints (logged models) of runs from any experiments.
export default function CheckpointsRoute() {
  return (
    <Suspense fallback={<main><p className="muted">Loading checkpoints…</p></main>}>
      <CheckpointsPage />
    </Suspense>
  );
}
