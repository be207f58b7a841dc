import { MlflowError } from "../mlflow-error";
import { processSingleton } from "../process-singleton";

/** At most this many failed sign-ins per username and client address within the window; then 429. */
export const MAX_SIGN_IN_FAILURES = 10;
export const SIGN_IN_WINDOW_MS = 5 * 60_000;
const MAX_TRACKED_KEYS = 10_000;

/** A 429 that tells the client when to try again (the REST edge sends it as Retry-After). */
export class SignInThrottled extends MlflowError {
  constructor(readonly retryAfterSeconds: number) {
    super("RESOURCE_EXHAUSTED", `Too many failed sign-in attempts; try again in ${retryAfterSeconds} seconds.`);
  }
}

/**
 * Failed sign-ins per (username, client address), kept per process: an attacker guessing passwords is
 * slowed to 10 guesses per 5 minutes per name. Behind a proxy every client shares the proxy's address,
 * so the limit then applies per username alone.
 */
export class SignInLimiter {
  private readonly failures = new Map<string, number[]>();

  /**
   * Counts an attempt as failed until reset() says it succeeded; throws SignInThrottled instead while
   * the key has MAX failures within the window. Counting first means parallel guesses cannot overrun it.
   */
  admit(key: string, now: number): void {
    const recent = this.recent(key, now);
    if (recent.length >= MAX_SIGN_IN_FAILURES) {
      throw new SignInThrottled(Math.max(1, Math.ceil((recent[0] + SIGN_IN_WINDOW_MS - now) / 1000)));
    }
    recent.push(now);
    this.failures.delete(key); // re-inserted last: the oldest keys are the first to go when full
    if (this.failures.size >= MAX_TRACKED_KEYS) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, recent);
  }

  /** A successful sign-in forgets the failures before it. */
  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - SIGN_IN_WINDOW_MS);
  }
}

export const signInLimiter = () => processSingleton("sign-in-limiter", () => new SignInLimiter());

export const signInKey = (username: string, clientAddress: string) => JSON.stringify([username.toLowerCase(), clientAddress]);
