import { Suspense } from "react";
import { ModelsList } from "./_components/models-list";

// /models[?q=<name fragment or filter>] — the registered models.
export default function ModelsRoute() {
  return (
    <Suspense fallback={<main><p className="muted">Loading models…</p></main>}>
      <ModelsList />
    </Suspense>
  );
}
