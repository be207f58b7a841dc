import type { Metadata } from "next";
import { NotFoundPage } from "./_components/ui/not-found-page";

export const metadata: Metadata = { title: "Not found · Metron" };

/** Any address no page answers (e.g. /models), and every notFound() without a closer not-found page. */
export default function NotFound() {
  return (
    <NotFoundPage title="Page not found">
      <p className="muted">There is no page at this address on this Metron server.</p>
    </NotFoundPage>
  );
}
