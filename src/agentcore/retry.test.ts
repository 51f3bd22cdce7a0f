import { describe, expect, it } from 'vitest';
import { LOCAL_BACKOFF, localRetryStrategy } from './retry.js';

const highest = () => 0.999_999;

async function delays(maxAttempts: number, errorType: string): Promise<number[]> {
  const strategy = localRetryStrategy(maxAttempts, highest);
  let token = await strategy.acquireInitialRetryToken('');
  const seen: number[] = [];
  for (;;) {
    try {
      token = await strategy.refreshRetryTokenForRetry(token, { errorType });
    } catch {
      return seen;
    }
    seen.push(token.getRetryDelay());
  }
}

describe('localRetryStrategy', () => {
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
    const strategy = localRetryStrategy(3, () => 0);
    const first = await strategy.acquireInitialRetryToken('');
    expect([first.getRetryCount(), first.getRetryDelay()]).toEqual([0, 0]);
    const retry = await strategy.refreshRetryTokenForRetry(first, { errorType: 'THROTTLING' });
    expect([retry.getRetryCount(), retry.getRetryDelay()]).toEqual([1, 0]);
  });
});
