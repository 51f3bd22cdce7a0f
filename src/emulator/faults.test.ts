import { describe, expect, it } from 'vitest';
import { createPrng, Faults } from './faults.js';

function draw(faults: Faults, n: number): string[] {
  return Array.from({ length: n }, () => faults.error('GetPolicy')?.name ?? 'ok');
}

describe('createPrng', () => {
  it('repeats for a seed, differs across seeds, stays in [0, 1)', () => {
    const a = Array.from({ length: 5 }, createPrng(7));
    expect(Array.from({ length: 5 }, createPrng(7))).toEqual(a);
    expect(Array.from({ length: 5 }, createPrng(8))).not.toEqual(a);
    expect(Array.from({ length: 1000 }, createPrng(3)).every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('Faults', () => {
  it('injects nothing by default', () => {
    const faults = new Faults();
    expect(draw(faults, 50)).toEqual(Array(50).fill('ok'));
    expect(faults.latency()).toBe(0);
  });
  it('throttles at roughly the asked rate, repeatably for a seed', () => {
    const outcomes = draw(new Faults({ seed: 42, throttleRate: 0.3 }), 2000);
    const rate = outcomes.filter((o) => o === 'ThrottlingException').length / outcomes.length;
    expect(rate).toBeGreaterThan(0.25);
    expect(rate).toBeLessThan(0.35);
    expect(draw(new Faults({ seed: 42, throttleRate: 0.3 }), 2000)).toEqual(outcomes);
  });
  it('gives internal errors, only to the chosen operations', () => {
    const faults = new Faults({ internalErrorRate: 1, operations: ['CreatePolicy'] });
    expect(faults.error('GetPolicy')).toBeUndefined();
    expect(faults.error('CreatePolicy')?.status).toBe(500);
  });
  it('restarts the sequence when settings change at runtime', () => {
    const faults = new Faults({ seed: 5, throttleRate: 0.5 });
    const first = draw(faults, 20);
    faults.set({ seed: 5, throttleRate: 0.5 });
    expect(draw(faults, 20)).toEqual(first);
    faults.set({});
    expect(draw(faults, 20)).toEqual(Array(20).fill('ok'));
  });
  it('adds fixed latency plus bounded jitter', () => {
    const faults = new Faults({ latencyMs: 10, jitterMs: 5 });
    const samples = Array.from({ length: 100 }, () => faults.latency());
    expect(Math.min(...samples)).toBeGreaterThanOrEqual(10);
    expect(Math.max(...samples)).toBeLessThan(15);
  });
  it('looks up resource faults by name', () => {
    const faults = new Faults({ resources: { Broken: { fail: 'no' } } });
    expect(faults.resource('Broken')).toEqual({ fail: 'no' });
    expect(faults.resource('Fine')).toBeUndefined();
    for (const name of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) expect(faults.resource(name), name).toBeUndefined();
  });
});
