import { SESSION_COOKIE } from "./authenticate";

/** The CSRF cookie: readable by the page's script, which echoes it in the x-metron-csrf header. */
export const CSRF_COOKIE = "metron_csrf";
export const CSRF_HEADER = "x-metron-csrf";

/** How long a browser session lasts after sign-in. */
export const SESSION_LIFETIME_MS = 14 * 24 * 3600_000;

/**
 * Set-Cookie values for a new session. Lax, not Strict: a link to a run pasted into chat must open
 * signed in; cross-site writes are stopped by the CSRF header instead. Secure when served over https.
 */
export function sessionCookies(session: { secret: string; csrfToken: string }, isHttps: boolean): string[] {
  const common = `Path=/; SameSite=Lax; Max-Age=${SESSION_LIFETIME_MS / 1000}${isHttps ? "; Secure" : ""}`;
  return [`${SESSION_COOKIE}=${session.secret}; HttpOnly; ${common}`, `${CSRF_COOKIE}=${session.csrfToken}; ${common}`];
}

/** Set-Cookie values that remove both cookies (sign-out). */
export function clearedSessionCookies(isHttps: boolean): string[] {
  const common = `Path=/; SameSite=Lax; Max-Age=0${isHttps ? "; Secure" : ""}`;
  return [`${SESSION_COOKIE}=; HttpOnly; ${common}`, `${CSRF_COOKIE}=; ${common}`];
}
