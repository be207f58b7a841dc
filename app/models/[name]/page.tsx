import { connection } from "next/server";
import { Suspense } from "react";
import { notFoundIfMissing } from "@/app/_components/not-found-check";
import { pageCaller } from "@/server/trpc/page-caller";
import { ModelPage } from "../_components/model-page";

export default async function ModelRoute({ params }: { params: Promise<{ name: string }> }) {
  await connection();
  const name = decodeURIComponent((await params).name);
  // An unknown model is a 404 page (with its status), decided before anything streams.
  await (await pageCaller()).registry.getModel({ name }).catch(notFoundIfMissing);
  return (
    <Suspense fallback={<main><p className="muted">Loading model…</p></main>}>
      <ModelPage name={name} />
    </Suspense>
  );
}
