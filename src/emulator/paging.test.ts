import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { paginate, type Page } from './paging.js';

const items = Array.from({ length: 25 }, (_, i) => ({ seq: i * 2 + 1, name: `p${i}` }));

function all(list: readonly { seq: number; name: string }[], size?: number): string[][] {
  const pages: string[][] = [];
  let token: string | undefined;
  do {
    const page = paginate(list, 'engine-1', size, token) as Page<{ seq: number; name: string }>;
    pages.push(page.items.map((i) => i.name));
    token = page.nextToken;
  } while (token);
  return pages;
}

describe('paginate', () => {
  it('serves pages of the default size and ends without a token', () => {
    const pages = all(items);
    expect(pages.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(pages.flat()).toEqual(items.map((i) => i.name));
  });
  it('gives no token when the last page is exactly full', () => {
    expect(all(items.slice(0, 20)).map((p) => p.length)).toEqual([10, 10]);
  });
  it('does not repeat or skip items when earlier ones are deleted between pages', () => {
    const first = paginate(items, 'engine-1', 5, undefined) as Page<(typeof items)[number]>;
    const second = paginate(items.slice(3), 'engine-1', 5, first.nextToken) as Page<(typeof items)[number]>;
    expect(second.items[0]?.name).toBe('p5');
  });
  it('rejects a token from another list or garbage', () => {
    const first = paginate(items, 'engine-1', 5, undefined) as Page<(typeof items)[number]>;
    expect(paginate(items, 'engine-2', 5, first.nextToken)).toBeInstanceOf(ApiError);
    expect(paginate(items, 'engine-1', 5, 'not-a-token')).toBeInstanceOf(ApiError);
  });
});
