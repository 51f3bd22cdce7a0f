import { describe, expect, it } from 'vitest';
import { objectSchema } from './derived.js';

describe('objectSchema', () => {
  it('keeps the members in order, required ones listed, an input named __proto__ a property like any other', () => {
    const schema = objectSchema([
      ['__proto__', { type: 'string' }, true],
      ['amount', { type: 'integer' }, false],
    ]);
    expect(Object.keys(schema.properties!)).toEqual(['__proto__', 'amount']);
    expect(JSON.stringify(schema)).toBe('{"type":"object","properties":{"__proto__":{"type":"string"},"amount":{"type":"integer"}},"required":["__proto__"]}');
  });

  it('refuses two inputs of one name', () => {
    expect(() => objectSchema([['a', { type: 'string' }, false], ['a', { type: 'integer' }, true]])).toThrow(/two inputs are named "a"/);
  });
});
