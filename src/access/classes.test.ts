import { describe, expect, it } from 'vitest';
import { longClasses, stringClasses } from './classes.js';
import { globOf, matchGlob, type Glob } from './glob.js';

const glob = (text: string): Glob => Array.from(text).map((c) => (c === '*' ? null : c));

describe('like', () => {
  it('matches as Cedar does: the whole string, * for any run, escaped stars literal', () => {
    expect(matchGlob('refund:write payment:process', glob('*payment:process*'))).toBe(true);
    expect(matchGlob('payment:proces', glob('*payment:process*'))).toBe(false);
    expect(matchGlob('', glob('*'))).toBe(true);
    expect(matchGlob('a*b', globOf([{ Literal: 'a' }, { Literal: '*' }, { Literal: 'b' }]))).toBe(true);
    expect(matchGlob('axb', globOf([{ Literal: 'a' }, { Literal: '*' }, { Literal: 'b' }]))).toBe(false);
    expect(matchGlob('é!', glob('?!'.replace('?', 'é')))).toBe(true);
  });
});

describe('longClasses', () => {
  it('gives each constant and the value next to each gap', () => {
    expect(longClasses([500])).toEqual([499, 500, 501]);
    expect(longClasses([10, 11, 500, 10])).toEqual([9, 10, 11, 12, 500, 501]);
    expect(longClasses([])).toEqual([0]);
  });
});

describe('stringClasses', () => {
  it('one value per constant and per combination of patterns some other string has', () => {
    const values = stringClasses(['refund-agent'], [glob('*payment:process*')], ['other'])!;
    expect(values).toEqual(['refund-agent', 'other', 'payment:process']);
  });

  it('leaves out combinations no string has, and finds the ones only long strings have', () => {
    const patterns = [glob('a*'), glob('*b'), glob('*ab*')];
    const values = stringClasses([], patterns, ['other'])!;
    const signatures = values.map((v) => patterns.map((p) => (matchGlob(v, p) ? 1 : 0)).join(''));
    // "a*" and "*b" without "*ab*" needs a string like "axb"; "*ab*" alone like "xabx". All 8 exist.
    expect(new Set(signatures).size).toBe(8);
    expect(stringClasses(['x'], [glob('*'), glob('')], ['x'])).toEqual(['x', 'y', '']);
  });

  it('exact even when the constants take the short strings', () => {
    const values = stringClasses(['other', 'x', 'y'], [], ['other'])!;
    expect(values.slice(0, 3)).toEqual(['other', 'x', 'y']);
    expect(['other', 'x', 'y']).not.toContain(values[3]);
    expect(values).toHaveLength(4);
  });
});
