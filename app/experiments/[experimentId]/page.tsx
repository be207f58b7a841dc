import { connection } from "next/server";
import { RunsView } from "./_components/runs-view";
import { loadInitialView } from "./initial-view";

type Props = {
  params: Promise<{ experimentId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// The experiment page: its runs table. The view (filter, sort, columns …) lives in the query string.
export default async function ExperimentPage({ params, searchParams }: Props) {
  await connection();
  const { experimentId } = await params;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) {
    for (const v of [value ?? []].flat()) query.append(key, v);
  }
  const initial = await loadInitialView(experimentId, query);
  return <RunsView experimentId={experimentId} initialQuery={query.toString()} initial={initial} />;
}
