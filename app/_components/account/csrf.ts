// The double-submit CSRF check: sign-in sets the script-readable metron_csrf cookie, and every
// mutation the UI sends echoes it in this header (a foreign site can send the cookie, never read it).

export const CSRF_HEADER = "x-metron-csrf";

/** The header for a mutating request; none while signed out or with auth off. */
export function csrfHeaders(): Record<string, string> {
  if (typeof document === "undefined") return {};
  const match = /(?:^|;\s*)metron_csrf=([^;]+)/.exec(document.cookie);
  return match ? { [CSRF_HEADER]: decodeURIComponent(match[1]) } : {};
}

/** Where to go after signing in: a path on this server only (never `//evil.example` or a full URL). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return "/";
  return next;
}

/** Ends the session (the server clears both cookies), then opens the sign-in page. */
export async function signOutAndLeave(): Promise<void> {
  await fetch("/api/auth/sign-out", { method: "POST", headers: csrfHeaders() });
  window.location.assign("/sign-in");
}
