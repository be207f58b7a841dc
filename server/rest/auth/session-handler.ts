import { readCookie, SESSION_COOKIE } from "../../auth/authenticate";
import { clearedSessionCookies, CSRF_COOKIE, CSRF_HEADER, sessionCookies } from "../../auth/session-cookies";
import { getRequestContext } from "../../services/context";
import { invalidParameter, MlflowError, PayloadTooLarge } from "../../services/errors";
import { signIn } from "../../services/auth/sign-in";
import { signOut } from "../../services/auth/sign-out";
import { invokeVerb } from "../../services/verb";
import { endpointNotFound, errorReply, toWireError } from "../http/error-reply";
import { jsonReply, type RestReply, type RestRequest } from "../http/exchange";

const MAX_BODY_BYTES = 16 * 1024;

/**
 * POST /api/auth/sign-in {"username","password"}: a session in two cookies (HttpOnly metron_session,
 * script-readable metron_csrf). POST /api/auth/sign-out: the session ends and both cookies go.
 * Too many failures answer 429 RESOURCE_EXHAUSTED with Retry-After.
 */
export async function serveSessionRequest(req: RestRequest): Promise<RestReply> {
  const isHttps = req.header("x-forwarded-proto")?.split(",")[0].trim() === "https";
  try {
    const ctx = await getRequestContext(req.signal);
    const action = req.url.pathname.slice("/api/auth/".length);
    if (action === "sign-in") {
      const body = await readJsonObject(req);
      const clientAddress = req.clientAddress ?? "unknown";
      const { session, user } = await invokeVerb(signIn, ctx, { username: body.username, password: body.password, clientAddress });
      // Signing in again (another account) ends the session the browser held: one live session per cookie.
      const previous = readCookie(req.header("cookie"), SESSION_COOKIE);
      if (previous) await invokeVerb(signOut, ctx, { sessionSecret: previous });
      return { ...jsonReply({ user: { username: user.username, is_admin: user.isAdmin } }, 200), cookies: sessionCookies(session, isHttps) };
    }
    if (action === "sign-out") {
      const cookies = req.header("cookie");
      const sessionSecret = readCookie(cookies, SESSION_COOKIE);
      // Double submit: another site can make the browser send the cookies, not read one into a header.
      if (sessionSecret && req.header(CSRF_HEADER) !== readCookie(cookies, CSRF_COOKIE)) {
        throw new MlflowError("PERMISSION_DENIED", `Sign-out needs the ${CSRF_HEADER} header (the ${CSRF_COOKIE} cookie's value).`);
      }
      await invokeVerb(signOut, ctx, { sessionSecret });
      return { ...jsonReply({}, 200), cookies: clearedSessionCookies(isHttps) };
    }
    return errorReply(endpointNotFound(req));
  } catch (err) {
    const error = toWireError(err, req);
    const reply = errorReply(error);
    const { retryAfterSeconds } = error as MlflowError & { retryAfterSeconds?: number };
    if (retryAfterSeconds !== undefined) reply.headers["retry-after"] = String(retryAfterSeconds);
    return reply;
  }
}

async function readJsonObject(req: RestRequest): Promise<Record<string, unknown>> {
  // A cross-site form can post text/plain that looks like JSON (signing the victim in as the attacker);
  // application/json cannot come from a form, and fetch must ask CORS first.
  if (req.header("content-type")?.split(";")[0].trim().toLowerCase() !== "application/json") {
    throw invalidParameter("Send the sign-in as Content-Type: application/json.");
  }
  // Anyone may call sign-in: its body is read whole only when declared and small.
  const length = Number(req.header("content-length") ?? Number.NaN);
  if (length > MAX_BODY_BYTES) throw new PayloadTooLarge(length, MAX_BODY_BYTES);
  if (!(length <= MAX_BODY_BYTES)) throw invalidParameter(`Send the body with a Content-Length of at most ${MAX_BODY_BYTES} bytes.`);
  const text = new TextDecoder().decode(await req.readBody());
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // answered below
  }
  throw invalidParameter('Send a JSON object: {"username": "…", "password": "…"}.');
}
