import { describe, expect, it } from 'vitest';
import { LOCAL_BACKOFF, retryStrategy, SERVICE_BACKOFF, type Backoff } from './retry.js';

const highest = () => 0.999_999;

async function delays(maxAttempts: number, errorType: string, backoff: Backoff = LOCAL_BACKOFF, retryAfterHint?: Date): Promise<number[]> {
  const strategy = retryStrategy(maxAttempts, backoff, highest, () => 1_000_000);
  let token = await strategy.acquireInitialRetryToken('');
  const seen: number[] = [];
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType, ...(retryAfterHint && { retryAfterHint }) });
    } catch {
      return seen;
    }
    seen.push(token.getRetryDelay());
  }
}

describe('retryStrategy against a local engine', () => {
  it('retries throttling up to maxAttempts with full-jitter exponential backoff in milliseconds', async () => {
    expect(await delays(5, 'THROTTLING')).toEqual([9, 19, 39, 79]);
    expect(await delays(12, 'THROTTLING')).toEqual([9, 19, 39, 79, 159, 199, 199, 199, 199, 199, 199]);
    expect(Math.max(...(await delays(12, 'THROTTLING')))).toBeLessThan(LOCAL_BACKOFF.maxMs);
  });
  it('retries transient errors (500s, refused connections) from a smaller base', async () => {
    expect(await delays(4, 'TRANSIENT')).toEqual([4, 9, 19]);
  });
  it('never retries client errors or other server errors, and a single attempt is never retried', async () => {
    expect(await delays(5, 'CLIENT_ERROR')).toEqual([]);
    expect(await delays(5, 'SERVER_ERROR')).toEqual([]);
    expect(await delays(1, 'THROTTLING')).toEqual([]);
  });
  it('counts retries from zero, as the SDK middleware expects', async () => {
    const strategy = retryStrategy(3, LOCAL_BACKOFF, () => 0);
    const first = await strategy.acquireInitialRetryToken('');
    expect([first.getRetryCount(), first.getRetryDelay()]).toEqual([0, 0]);
    const retry = await strategy.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING' });
    expect([retry.getRetryCount(), retry.getRetryDelay()]).toEqual([1, 0]);
  });
});

describe('retryStrategy against AWS', () => {
  it('backs throttling off from 100 ms for eight attempts whatever maxAttempts allows other errors', async () => {
    expect(await delays(5, 'THROTTLING', SERVICE_BACKOFF)).toEqual([99, 199, 399, 799, 1599, 3199, 6399]);
    expect(await delays(5, 'TRANSIENT', SERVICE_BACKOFF)).toEqual([49, 99, 199, 399]);
    expect(await delays(1, 'THROTTLING', SERVICE_BACKOFF)).toEqual([]);
  });
  it("waits out the service's Retry-After, at most five seconds beyond its own backoff", async () => {
    expect((await delays(2, 'TRANSIENT', SERVICE_BACKOFF, new Date(1_000_000 + 2_000)))[0]).toBe(2_000);
    expect((await delays(2, 'TRANSIENT', SERVICE_BACKOFF, new Date(1_000_000 + 60_000)))[0]).toBe(49 + 5_000);
  });
});
