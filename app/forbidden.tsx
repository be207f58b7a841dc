import type { Metadata } from "next";
import { NotFoundPage } from "./_components/ui/not-found-page";

export const metadata: Metadata = { title: "Permission denied · Metron" };

/** forbidden(): the signed-in user may not read what this address shows (server/auth/gate.ts decided). */
export default function Forbidden() {
  return (
    <NotFoundPage title="Permission denied" status={403}>
      <p className="muted">You do not have permission to see this page. Ask the owner of the experiment or model, or an administrator, for access.</p>
    </NotFoundPage>
  );
}
