import { describe, expect, it } from 'vitest';
import { checkInput, valueAt, violation, type FieldRule } from './contract.js';

const name: FieldRule = { path: 'name', type: 'string', required: true, min: 1, max: 48, pattern: '[A-Za-z][A-Za-z0-9_]*' };

describe('violation', () => {
  it('accepts a value that meets every trait', () => {
    expect(violation(name, 'Refund_1')).toBeUndefined();
  });
  it('names the broken trait in the service words', () => {
    expect(violation(name, undefined)).toBe('Member must not be null');
    expect(violation(name, 'a'.repeat(49))).toBe('Member must have length less than or equal to 48');
    expect(violation(name, 'has-hyphen')).toBe('Member must satisfy regular expression pattern: [A-Za-z][A-Za-z0-9_]*');
    expect(violation(name, 7)).toBe('Member must be of type string');
  });
  it('anchors patterns to the whole value', () => {
    expect(violation({ path: 'x', type: 'string', pattern: '[a-z]+' }, 'abc1')).toMatch(/pattern/);
  });
  it('checks integer ranges as values, not lengths', () => {
    const rule: FieldRule = { path: 'maxResults', type: 'integer', min: 1, max: 100 };
    expect(violation(rule, 0)).toBe('Member must have value greater than or equal to 1');
    expect(violation(rule, 101)).toBe('Member must have value less than or equal to 100');
    expect(violation(rule, 1.5)).toBe('Member must be of type integer');
  });
  it('checks enums and unions', () => {
    expect(violation({ path: 'm', type: 'string', enum: ['A', 'B'] }, 'C')).toBe('Member must satisfy enum value set: [A, B]');
    const union: FieldRule = { path: 'd', type: 'object', oneOf: ['cedar', 'policy'] };
    expect(violation(union, { cedar: {}, policy: {} })).toMatch(/exactly one/);
    expect(violation(union, {})).toMatch(/exactly one/);
    expect(violation(union, { policy: {} })).toBeUndefined();
  });
});

describe('checkInput', () => {
  it('reports every violation with its field, hiding sensitive values', () => {
    const error = checkInput({ name: 'bad-name', description: '' }, [
      name,
      { path: 'description', type: 'string', min: 1, sensitive: true },
    ]);
    expect(error?.name).toBe('ValidationException');
    expect(error?.reason).toBe('FieldValidationFailed');
    expect(error?.fieldList?.map((f) => f.name)).toEqual(['name', 'description']);
    expect(error?.message).toMatch(/^2 validation errors detected: Value 'bad-name' at 'name'/);
    expect(error?.message).toContain("Value at 'description'");
  });
  it('reads nested paths', () => {
    expect(valueAt({ a: { b: { c: 1 } } }, 'a.b.c')).toBe(1);
    expect(valueAt({ a: 'x' }, 'a.b')).toBeUndefined();
    expect(checkInput({ definition: { cedar: {} } }, [{ path: 'definition.cedar.statement', type: 'string', required: true }])?.fieldList).toEqual([
      { name: 'definition.cedar.statement', message: 'Member must not be null' },
    ]);
  });
  it('requires a nested member only when its structure is present', () => {
    const rules: FieldRule[] = [{ path: 'definition.cedar.statement', type: 'string', required: true }];
    expect(checkInput({ definition: { policy: { statement: 'x' } } }, rules)).toBeUndefined();
  });
});
