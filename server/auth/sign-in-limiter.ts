import { createHash } from "node:crypto";
import type { Db } from "../db/types";
import { MlflowError } from "../mlflow-error";
import { countSignInAttempt, forgetSignInAttempts } from "../repositories/sign-in-failures-repository";

/** At most this many failed sign-ins per username and client address within the window; then 429. */
export const MAX_SIGN_IN_FAILURES = 10;
export const SIGN_IN_WINDOW_MS = 5 * 60_000;

/** A 429 that tells the client when to try again (the REST edge sends it as Retry-After). */
export class SignInThrottled extends MlflowError {
  constructor(readonly retryAfterSeconds: number) {
    super("RESOURCE_EXHAUSTED", `Too many failed sign-in attempts; try again in ${retryAfterSeconds} seconds.`);
  }
}

/**
 * Failed sign-ins per (username, client address), counted in the database so that every replica behind a
 * load balancer shares one count: an attacker guessing passwords is slowed to 10 guesses per 5 minutes per
 * name. Behind a proxy every client shares the proxy's address, so the limit then applies per username alone.
 */
export const signInLimiter = {
  /**
   * Counts an attempt as failed until reset() says it succeeded; throws SignInThrottled instead while the
   * key has MAX failures within the window. Counting first means parallel guesses cannot overrun it.
   */
  async admit(db: Db, key: string, now: number): Promise<void> {
    const refused = await countSignInAttempt(db, { keyHash: hashOf(key), now, max: MAX_SIGN_IN_FAILURES, windowMs: SIGN_IN_WINDOW_MS });
    if (refused) throw new SignInThrottled(Math.max(1, Math.ceil((refused.refusedUntil - now) / 1000)));
  },

  /** A successful sign-in forgets the failures before it. */
  async reset(db: Db, key: string): Promise<void> {
    await forgetSignInAttempts(db, hashOf(key));
  },
};

export const signInKey = (username: string, clientAddress: string) => JSON.stringify([username.toLowerCase(), clientAddress]);

const hashOf = (key: string) => createHash("sha256").update(key).digest("hex");
