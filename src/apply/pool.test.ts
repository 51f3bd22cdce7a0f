import { describe, expect, it } from 'vitest';
import { runBounded } from './pool.js';

describe('runBounded', () => {
  it('keeps results in item order while running at most `limit` at once', async () => {
    let running = 0;
    let peak = 0;
    const results = await runBounded([30, 5, 20, 1, 10], 2, async (ms, i) => {
      running++;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      running--;
      return i * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(peak).toBe(2);
  });

  it('starts nothing once stop() is true, and leaves those items undefined', async () => {
    let stopped = false;
    const started: number[] = [];
    const results = await runBounded([1, 2, 3, 4, 5], 2, async (n) => {
      started.push(n);
      if (n === 2) stopped = true;
      return n;
    }, () => stopped);
    expect(started).toEqual([1, 2]);
    expect(results).toEqual([1, 2, undefined, undefined, undefined]);
  });

  it('handles an empty list', async () => {
    expect(await runBounded([], 4, async () => 1)).toEqual([]);
  });
});
