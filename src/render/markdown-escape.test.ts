import { describe, expect, it } from 'vitest';
import { fence, inline, safeUrl } from './markdown-escape.js';

describe('inline', () => {
  it('writes markup as entities and defuses mentions and references', () => {
    expect(inline('<b>x</b> | `y` @team #12')).toBe('&#60;b&#62;x&#60;/b&#62; &#124; &#96;y&#96; @\u200dteam &#35;\u200d12');
    expect(inline('see GH-12 and gh-3, not GH-x')).toBe('see GH-\u200d12 and gh-\u200d3, not GH-x');
  });

  it('stops GFM from linking a www. address, which needs no scheme', () => {
    expect(inline('www.evil.example and WWW.x.example')).toBe('www&#46;evil.example and WWW&#46;x.example');
  });

  it('keeps one line, clipped before escaping', () => {
    expect(inline('a\nb', 10)).toBe('a ⏎ b');
    expect(inline('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
  });
});

describe('fence', () => {
  it('uses a fence longer than any backtick run inside', () => {
    expect(fence(['a'], 'diff')).toBe('```diff\na\n```');
    expect(fence(['x ```` y', '```'], 'diff')).toBe('`````diff\nx ```` y\n```\n`````');
  });
});

describe('safeUrl', () => {
  it('accepts http(s) only, percent-encoding what could end a link', () => {
    expect(safeUrl('https://a.example/x?y=1')).toBe('https://a.example/x?y=1');
    expect(safeUrl('https://a.example/(x)<y>')).toBe('https://a.example/%28x%29%3Cy%3E');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('https://a b')).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});
