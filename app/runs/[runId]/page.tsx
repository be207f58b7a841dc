import { connection } from "next/server";
import { redirect } from "next/navigation";
import { notFoundIfMissing } from "@/app/_components/not-found-check";
import { pageCaller } from "@/server/trpc/page-caller";

// /runs/<run id>: a run's page when only its id is known (a model version names its source run).
export default async function RunByIdRoute({ params }: { params: Promise<{ runId: string }> }) {
  await connection();
  const runId = decodeURIComponent((await params).runId);
  const found = await (await pageCaller()).runPage.get({ runId }).catch(notFoundIfMissing);
  if (!found) throw new Error("The run could not be loaded; try again.");
  redirect(`/experiments/${encodeURIComponent(found.run.info.experimentId)}/runs/${encodeURIComponent(runId)}`);
}
