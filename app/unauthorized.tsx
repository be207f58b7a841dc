import type { Metadata } from "next";
import { NotFoundPage } from "./_components/ui/not-found-page";

export const metadata: Metadata = { title: "Sign in · Metron" };

/** unauthorized(): this server requires signing in before it shows this page. */
export default function Unauthorized() {
  return (
    <NotFoundPage title="Sign in required" status={401}>
      <p className="muted">This Metron server requires you to sign in.</p>
    </NotFoundPage>
  );
}
