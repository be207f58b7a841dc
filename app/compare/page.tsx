import { Suspense } from "react";
import { ComparePage } from "./_components/compare-page";

// /compare?runs=<id>,<id>,… — any runs, from any experiments, side by side.
export default function CompareRoute() {
  return (
    <Suspense fallback={<main><p className="muted">Loading runs…</p></main>}>
      <ComparePage />
    </Suspense>
  );
}
