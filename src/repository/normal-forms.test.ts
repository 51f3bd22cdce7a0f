import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize } from '../cedar/tokens.js';
import { layoutOf, normalForms, normalizeStatement } from './normal-forms.js';

const POLICIES = join(import.meta.dirname, '../../policies');
const examples = readdirSync(POLICIES, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.cedar'))
  .map((file) => readFileSync(join(POLICIES, file), 'utf8'));

/** Cedar's whitespace, the exotic kinds included, and a few characters that are not whitespace to Cedar. */
const space = fc.array(fc.constantFrom(' ', '\n', '\r\n', '\t', '\f', '\v', '\u0085', '\u00a0', '\u2003', '\u2028', '\u3000'), { minLength: 1, maxLength: 3 }).map((s) => s.join(''));
const word = fc.constantFrom('permit', '(', 'principal', ',', 'when', '{', '}', '==', '<', '12', '::', ';', '/', '\ufeff', '"a  b"', '"x\\"y"', '"//"', '"\\\\"', '"open');
const comment = fc.constantFrom('// note\n', '//"\n', '// a\r');
const text = fc.array(fc.tuple(word, fc.oneof(space, fc.constant(''), comment)), { maxLength: 12 }).map((parts) => parts.flat().join(''));

/** The same tokens with other whitespace between them. */
function respaced(policy: string, seed: number): string {
  const gaps = [' ', '\n', '\n    ', '\t', ' \n\n '];
  return tokenize(policy)
    .map((token, i) => token.text + gaps[(seed + i * 7) % gaps.length])
    .join('');
}

const tokensOf = (t: string) => tokenize(t).map(({ kind, text: s }) => [kind, s]);

describe('layoutOf', () => {
  it('is a text with the same tokens (so texts with one layout have the same tokens), or undefined for a comment', () => {
    fc.assert(
      fc.property(text, (t) => {
        const layout = layoutOf(t);
        if (layout === undefined) return t.includes('//');
        return JSON.stringify(tokensOf(layout)) === JSON.stringify(tokensOf(t));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps the spaces inside string literals', () => {
    expect(layoutOf('when { "a  b" }')).not.toBe(layoutOf('when { "a b" }'));
    expect(layoutOf('when {\n  "a  b" }')).toBe(layoutOf('when { "a  b" }'));
  });
});

describe("Cedar's formatter, as normalForms relies on it", () => {
  it('gives one normal form to the same tokens laid out differently, and leaves a normal form as it is', () => {
    for (const policy of examples) {
      const normal = normalizeStatement(policy);
      expect(normal).toBeDefined();
      expect(normalizeStatement(normal!)).toBe(normal);
      for (const seed of [0, 1, 2, 3]) expect(normalizeStatement(respaced(policy, seed))).toBe(normal);
    }
  });

  it('writes no policy shorter than the shortest there is (validate measures short statements unformatted)', () => {
    for (const policy of ['permit(principal,action,resource);', 'forbid(principal,action,resource);', 'permit(principal,action,resource)when{1<2};']) {
      expect(normalizeStatement(policy)!.length).toBeGreaterThanOrEqual('permit (principal, action, resource);'.length);
    }
  });
});

describe('normalForms', () => {
  it('formats each layout once: every text with it gets the same normal form', () => {
    const forms = normalForms();
    for (const policy of examples) {
      expect(forms.normalize(respaced(policy, 1))).toBe(normalizeStatement(policy));
      expect(forms.normalize(policy)).toBe(normalizeStatement(policy));
    }
    expect(forms.normalize('permit (principal, action, resource) when { nonsense };')).toBeUndefined();
  });

  it('takes a trusted statement as its own normal form, for its layout only, and a text with a comment for itself only', () => {
    const forms = normalForms();
    const sent = 'permit(principal,action,resource);';
    forms.trust(sent);
    expect(forms.normalize('permit(principal,action,resource);')).toBe(sent);
    expect(forms.normalize('permit ( principal , action , resource ) ;')).toBe('permit (principal, action, resource);');
    const commented = '// why\npermit(principal,action,resource);';
    forms.trust(commented);
    expect(forms.normalize(commented)).toBe(commented);
    expect(forms.normalize('// why\n permit(principal,action,resource);')).toBe('// why\npermit (principal, action, resource);');
  });
});
