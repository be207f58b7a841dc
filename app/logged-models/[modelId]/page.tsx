import { connection } from "next/server";
import { Suspense } from "react";
import { notFoundIfMissing } from "@/app/_components/not-found-check";
import { pageCaller } from "@/server/trpc/page-caller";
import { ModelPage } from "./_components/model-page";

// /logged-models/<model id>: one MLflow 3 logged model (a checkpoint).
export default async function LoggedModelRoute({ params }: { params: Promise<{ modelId: string }> }) {
  await connection();
  const modelId = decodeURIComponent((await params).modelId);
  // An unknown model is a 404 page (with its status), decided before anything streams.
  await (await pageCaller()).loggedModels.get({ modelId }).catch(notFoundIfMissing);
  return (
    <Suspense fallback={<main><p className="muted">Loading model…</p></main>}>
      <ModelPage modelId={modelId} />
    </Suspense>
  );
}
