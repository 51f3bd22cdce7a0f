import { describe, expect, it } from 'vitest';
import { engineNames, ENGINE_OPTION, parse, UsageError, windowOf } from './args.js';

describe('engineNames', () => {
  it('reads --engine given once or more, each a name or a comma-separated list, each name once in order', () => {
    const { values } = parse(['--engine', 'B', '--engine', 'A, C', '--engine', 'B'], ENGINE_OPTION);
    expect(engineNames(values.engine)).toEqual(['B', 'A', 'C']);
    expect(engineNames(undefined)).toEqual([]);
  });

  it('refuses an empty name', () => {
    expect(() => engineNames(['A,,B'])).toThrow(UsageError);
    expect(() => engineNames([''])).toThrow('--engine needs an engine name');
  });
});

describe('windowOf', () => {
  const defaults = { sinceMs: 7 * 86_400_000, maxRequests: 100_000 };
  it('reads --since as a span and --max-requests as a count, with defaults', () => {
    expect(windowOf({}, defaults)).toEqual(defaults);
    expect(windowOf({ since: '24h', 'max-requests': '500' }, defaults)).toEqual({ sinceMs: 86_400_000, maxRequests: 500 });
    expect(windowOf({ since: '30m' }, defaults).sinceMs).toBe(1_800_000);
  });

  it('refuses anything else, saying what it takes', () => {
    expect(() => windowOf({ since: '1w' }, defaults)).toThrow('--since must be a span such as 30m, 24h or 7d (got "1w")');
    expect(() => windowOf({ 'max-requests': '0' }, defaults)).toThrow('--max-requests must be a whole number above 0 (got "0")');
  });
});
