import type { Metadata } from "next";
import { NotFoundPage } from "@/app/_components/ui/not-found-page";

export const metadata: Metadata = { title: "Not found · Metron" };

/** An experiment, or a run in it, that does not exist (never created, or removed for good by `metron gc`). */
export default function ExperimentNotFound() {
  return (
    <NotFoundPage title="No such experiment or run">
      <p className="muted">
        It was never created here, or it was deleted and then removed for good. Deleted experiments are listed under “Show deleted” on the
        experiments page.
      </p>
    </NotFoundPage>
  );
}
