import { SharedLinksPage } from "./shared-links-page";

// /settings/shares: the links you shared, with their state, and revoke.
export default function SharedLinksRoute() {
  return <SharedLinksPage />;
}
