import { describe, expect, it } from 'vitest';
import { engineNames, ENGINE_OPTION, parse, UsageError } from './args.js';

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
