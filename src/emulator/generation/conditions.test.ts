import { describe, expect, it } from 'vitest';
import { parseClauses, type Clauses } from './conditions.js';
import { words } from './text.js';

function clauses(text: string): Clauses {
  const parsed = parseClauses(words(text), 0);
  if (!parsed.ok) throw new Error(parsed.reason);
  return parsed.value;
}
const reason = (text: string) => {
  const parsed = parseClauses(words(text), 0);
  return parsed.ok ? 'parsed' : parsed.reason;
};
const fieldOf = (c: Clauses['when'][number]) => c.field.map((w) => w.text).join(' ');

describe('parseClauses', () => {
  it.each([
    ['when the amount is less than 5', '<'],
    ['when the amount is under 5', '<'],
    ['when the amount is at most 5', '<='],
    ['when the amount is no more than 5', '<='],
    ['when the amount is less than or equal to 5', '<='],
    ['when the amount does not exceed 5', '<='],
    ['when the amount is up to 5', '<='],
    ['when the amount exceeds 5', '>'],
    ['when the amount is more than 5', '>'],
    ['when the amount is at least 5', '>='],
    ['when the amount equals 5', '=='],
  ])('%s -> %s', (text, op) => {
    expect(clauses(text).when[0]!.test).toMatchObject({ kind: 'compare', op });
  });

  it('reads money, thousands separators and decimals', () => {
    expect(clauses('when the amount is less than $10,000').when[0]!.test).toMatchObject({ value: { digits: '10000', integer: true, money: true } });
    expect(clauses('when the amount is less than 500 dollars').when[0]!.test).toMatchObject({ value: { digits: '500', money: true } });
    expect(clauses('when the price is over 12.5').when[0]!.test).toMatchObject({ value: { digits: '12.5', integer: false, money: false } });
  });

  it('reads lists of values, and ", and the ..." as a new condition', () => {
    const list = clauses('when the destination country is US, CA, or UK').when[0]!;
    expect(fieldOf(list)).toBe('the destination country');
    expect(list.test).toMatchObject({ kind: 'oneOf', negated: false });
    expect(list.test.kind === 'oneOf' && list.test.values.map((v) => v.text)).toEqual(['US', 'CA', 'UK']);
    const two = clauses('when the region is US or CA, and the weight is under 5').when;
    expect(two.map(fieldOf)).toEqual(['the region', 'the weight']);
    expect(clauses('when the region is not one of US, CA').when[0]!.test).toMatchObject({ kind: 'oneOf', negated: true });
  });

  it('shares one test between fields joined by "and", and repeats the field of a bare comparator', () => {
    const required = clauses('unless a description and priority are provided');
    expect(required.when).toEqual([]);
    expect(required.unless.map((c) => [fieldOf(c), c.test])).toEqual([
      ['a description', { kind: 'present', negated: false }],
      ['priority', { kind: 'present', negated: false }],
    ]);
    expect(clauses('when the amount is over $5 and under $10').when.map(fieldOf)).toEqual(['the amount', 'the amount']);
    expect(clauses('when the memo is missing').when[0]!.test).toEqual({ kind: 'present', negated: true });
  });

  it('switches between when and unless clauses', () => {
    const both = clauses('when the region is US unless a description is provided');
    expect([both.when.length, both.unless.length]).toEqual([1, 1]);
  });

  it('reads bare openers: "for amounts ...", "under $500"', () => {
    expect(fieldOf(clauses('for amounts less than $500').when[0]!)).toBe('amounts');
    expect(clauses('under $500').when[0]!.field).toEqual([]);
  });

  it('refuses "or" between conditions, a comparator without a number, and text it does not know', () => {
    expect(reason('when the amount is less than 5 or the region is US')).toMatch(/Only "and"/);
    expect(reason('when the amount is less than a lot')).toMatch(/"less than" must be followed by a number/);
    expect(reason('when the amount')).toMatch(/No condition follows "the amount"/);
    expect(reason('when the amount is less than 5 otherwise deny')).toMatch(/does not understand "otherwise deny"/);
  });
});
