import { describe, expect, it } from 'vitest';
import { nestsDeeperThan } from './nesting.js';

const arrays = (depth: number) => JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as unknown;
const objects = (depth: number, leaf: unknown = 'x') => {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
};

describe('nestsDeeperThan', () => {
  it('counts objects and arrays alike, the outermost as level 1, scalars as no level', () => {
    expect(nestsDeeperThan('text', 0)).toBe(false);
    expect(nestsDeeperThan({}, 1)).toBe(false);
    expect(nestsDeeperThan({}, 0)).toBe(true);
    expect(nestsDeeperThan(objects(3), 3)).toBe(false);
    expect(nestsDeeperThan(objects(4), 3)).toBe(true);
    expect(nestsDeeperThan(arrays(4), 3)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: [] }] }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: [[]] }] }, 4)).toBe(true);
  });

  it('finds the one deep branch among many shallow ones', () => {
    const wide = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, { v: i }]));
    expect(nestsDeeperThan({ ...wide, deep: objects(10) }, 10)).toBe(true);
    expect(nestsDeeperThan({ ...wide, deep: objects(9) }, 10)).toBe(false);
  });

  it('measures a nesting bomb that would overflow a recursive walk', () => {
    const bomb = arrays(200_000);
    expect(() => JSON.stringify(bomb)).toThrow(RangeError);
    expect(nestsDeeperThan(bomb, 64)).toBe(true);
    expect(nestsDeeperThan(objects(100_000), 64)).toBe(true);
  });
});
