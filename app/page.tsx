import { Suspense } from "react";
import { ExperimentList } from "./_components/experiments/experiment-list";

export default function HomePage() {
  return (
    <main>
      <Suspense fallback={<p className="muted">Loading experiments…</p>}>
        <ExperimentList />
      </Suspense>
    </main>
  );
}
