// Retries against a local engine at a local engine's speed, for tests that make it throttle (ClientOptions
// .localRetries). The SDK's retries are made for AWS: throttling retries back off from one second. A local engine
// answers in about a millisecond and throttles only when a test injects it, at random rather than by rate, so
// slowing down buys nothing there: the same rules as the SDK's standard mode
// (retry throttling and transient errors, at most maxAttempts, full-jitter exponential backoff) run with delays in
// milliseconds.

/** What the SDK's retry middleware needs from a token (a subset of @smithy/types' RetryToken). */
export interface RetryToken {
  getRetryCount(): number;
  /** The middleware waits this long before the next attempt. */
  getRetryDelay(): number;
}

/** The SDK's RetryStrategyV2, as this module implements it. */
export interface LocalRetryStrategy {
  mode: 'standard';
  acquireInitialRetryToken(scope: string): Promise<RetryToken>;
  refreshRetryTokenForRetry(token: RetryToken, info: { errorType: string }): Promise<RetryToken>;
  recordSuccess(token: RetryToken): void;
}

/** Backoff bases in milliseconds, and the cap. Throttling backs off from a hundredth of the SDK's base (1 s); other
 * errors from a tenth (50 ms), so a local engine that restarts (refusing connections meanwhile) has tens of
 * milliseconds to come back. */
export const LOCAL_BACKOFF = { throttlingMs: 10, otherMs: 5, maxMs: 200 } as const;

const RETRYABLE = new Set(['THROTTLING', 'TRANSIENT']);

const retryToken = (count: number, delay: number): RetryToken => ({ getRetryCount: () => count, getRetryDelay: () => delay });

export function localRetryStrategy(maxAttempts: number, random: () => number = Math.random): LocalRetryStrategy {
  return {
    mode: 'standard',
    acquireInitialRetryToken: async () => retryToken(0, 0),
    async refreshRetryTokenForRetry(previous, info) {
      const retries = previous.getRetryCount();
      // Thrown errors are not reported: the middleware rethrows the request's own error.
      if (!RETRYABLE.has(info.errorType) || retries + 1 >= maxAttempts) throw new Error('No retry token available');
      const base = info.errorType === 'THROTTLING' ? LOCAL_BACKOFF.throttlingMs : LOCAL_BACKOFF.otherMs;
      return retryToken(retries + 1, Math.floor(random() * Math.min(base * 2 ** retries, LOCAL_BACKOFF.maxMs)));
    },
    recordSuccess: () => undefined,
  };
}
