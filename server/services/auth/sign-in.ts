import { z } from "zod";
import { hashPassword, verifyPassword } from "../../auth/passwords";
import { newSecret, secretHash } from "../../auth/secrets";
import { SESSION_LIFETIME_MS } from "../../auth/session-cookies";
import { signInKey, signInLimiter } from "../../auth/sign-in-limiter";
import { MlflowError } from "../../mlflow-error";
import { processSingletonPromise } from "../../process-singleton";
import { deleteExpiredSessions, insertSession } from "../../repositories/sessions-repository";
import { findUserByName } from "../../repositories/users-repository";
import { defineVerb } from "../verb";
import { authIsOff } from "./caller";

/** `clientAddress` is the connection's, filled in by the edge (never by the client): attempts count per name and address. */
export const signInInput = z.object({
  username: z.string().max(256),
  password: z.string().max(1024),
  clientAddress: z.string(),
});

/**
 * Checks a password and opens a browser session. Every attempt counts against the rate limit
 * before scrypt runs (so parallel guesses cannot overrun it); a success clears the count.
 */
export const signIn = defineVerb(signInInput, async ({ ctx, input }) => {
  if (!ctx.config.auth.enabled) throw authIsOff();
  const now = ctx.now();
  const key = signInKey(input.username, input.clientAddress);
  await signInLimiter.admit(ctx.db, key, now);
  const user = await findUserByName(ctx.db, input.username);
  // An unknown name costs the same scrypt as a wrong password: timing does not tell which names exist.
  const isValid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user || !isValid) throw new MlflowError("UNAUTHENTICATED", "Incorrect username or password.");
  await signInLimiter.reset(ctx.db, key);
  const session = { secret: newSecret("mss"), csrfToken: newSecret("csrf") };
  const expiryTime = now + SESSION_LIFETIME_MS;
  await deleteExpiredSessions(ctx.db, now);
  await insertSession(ctx.db, { secretHash: secretHash(session.secret), userId: user.id, csrfToken: session.csrfToken, creationTime: now, expiryTime });
  return { session, expiryTime, user: { username: user.username, isAdmin: user.isAdmin } };
});

const decoyHash = () => processSingletonPromise("sign-in-decoy-hash", () => hashPassword("decoy password nobody has"));
