import type { Metadata } from "next";
import { TokensPage } from "./tokens-page";

export const metadata: Metadata = { title: "API tokens · Metron" };

// /settings/tokens — the signed-in user's API tokens: create (shown once), list, revoke.
export default function TokensRoute() {
  return <TokensPage />;
}
