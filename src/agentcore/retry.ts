// How a call is retried: the rules of the SDK's standard mode (retry throttling and transient errors, at most
// maxAttempts, full-jitter exponential backoff, a Retry-After hint honoured as the SDK does) with our own bases.
// The SDK backs throttling off from one second (and its retries of other errors from 50 ms). apply waits for every
// step of a phase before the next phase starts, so a step that waits out a one-second backoff holds the whole
// phase: 500 changes with a tenth of the calls throttled took 14.2 s against 7.4 s without (bench/scale.bench.ts).
// apply already bounds its calls in flight (ten by default), so a throttled call retried sooner adds no storm;
// against AWS, throttling backs off from 100 ms, doubling to at most 20 s, for up to eight attempts: the first
// retries come quickly, and before its eighth a call has waited at most 12.7 s (the SDK's fifth: 15 s). A local
// engine answers in
// about a millisecond and throttles only when a test injects it, at random rather than by rate, so there
// (ClientOptions.localRetries) the same rules run with delays in milliseconds.

/** What the SDK's retry middleware needs from a token (a subset of @smithy/types' RetryToken). */
export interface RetryToken {
  getRetryCount(): number;
  /** The middleware waits this long before the next attempt. */
  getRetryDelay(): number;
}

/** The SDK's RetryStrategyV2, as this module implements it. */
export interface RetryStrategy {
  mode: 'standard';
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, info: { errorType: string; retryAfterHint?: Date }): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}

/** Backoff bases and cap in milliseconds, and how many attempts a throttled call gets at least. */
export interface Backoff {
  throttlingMs: number;
  otherMs: number;
  maxMs: number;
  throttlingAttempts: number;
}

export const SERVICE_BACKOFF: Backoff = { throttlingMs: 100, otherMs: 50, maxMs: 20_000, throttlingAttempts: 8 };

/** A hundredth of the SDK's throttling base; other errors from 5 ms, so a local engine that restarts (refusing
 * connections meanwhile) has tens of milliseconds to come back. */
export const LOCAL_BACKOFF: Backoff = { throttlingMs: 10, otherMs: 5, maxMs: 200, throttlingAttempts: 0 };

/** The SDK waits out a Retry-After hint, but at most this much longer than its own backoff. */
const MAX_HINT_EXTRA_MS = 5_000;

const RETRYABLE = new Set(['THROTTLING', 'TRANSIENT']);

const retryToken = (count: number, delay: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => delay });

/** `maxAttempts` counts the first attempt; a throttled call gets `backoff.throttlingAttempts` when that is more,
 * unless `maxAttempts` is 1 (a caller that wants no retries at all). */
export function retryStrategy(maxAttempts: number, backoff: Backoff, random: () => number = Math.random, now: () => number = Date.now): RetryStrategy {
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => retryToken(0, 0),
    async refreshRetryTokenForRetry(previous, info) {
      const retries = previous.getRetryCount();
      const throttled = info.errorType === 'THROTTLING';
      const attempts = throttled && maxAttempts > 1 ? Math.max(maxAttempts, backoff.throttlingAttempts) : maxAttempts;
      // Thrown errors are not reported: the middleware rethrows the request's own error.
      if (!RETRYABLE.has(info.errorType) || retries + 1 >= attempts) throw new Error('No retry token available');
      const base = throttled ? backoff.throttlingMs : backoff.otherMs;
      const delay = Math.floor(random() * Math.min(base * 2 ** retries, backoff.maxMs));
      const hinted = info.retryAfterHint ? Math.max(delay, Math.min(info.retryAfterHint.getTime() - now(), delay + MAX_HINT_EXTRA_MS)) : delay;
      return retryToken(retries + 1, hinted);
    },
    recordSuccess: () => undefined,
  };
}
