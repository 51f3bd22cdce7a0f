// The lexer against Cedar itself: on generated policy texts full of comments, string literals, placeholders, `;`
// and every line terminator and space there is, the tool must see the same string literals and the same number of
// policies as cedar-wasm, before and after variables are filled. Where the two disagreed, a `{{variable}}` after
// `// note\r` was filled as Cedar code and a second policy hid from "one policy per file".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillVariables } from '../repository/variables.js';
import { readPolicyShape, splitStatements, tokenize, unquote } from './tokens.js';
import * as cedar from './wasm.js';

/** Everything that might end a line or separate tokens: Cedar's whitespace and the characters it does not take as
 * such (form feed and vertical tab are whitespace but end no comment; NEL, LS and PS neither). */
const BREAKS = ['\n', '\r', '\r\n', '\n\r', '\u2028', '\u2029', '\u0085', '\f', '\v', '\t', ' ', '\u00a0', '\u1680', '\u2003', '\u202f', '\u205f', '\u3000'];
/** What a comment or a string may hold that a lexer could mistake for something else. */
const TRICKY = ['x', '"', '\\', '\\"', ';', '//', '{{v}}', '{{ w }}', '{', '}', 'permit(principal, action, resource);', '\u2028', '\u0085', '\f', '\v', 'é'];

const breaks = fc.array(fc.constantFrom(...BREAKS), { maxLength: 3 }).map((parts) => parts.join(''));
/** A comment, ended by what ends one for Cedar; what only looks like a line end is in its body. */
const comment = fc
  .tuple(fc.array(fc.constantFrom(...TRICKY, ' '), { maxLength: 6 }), fc.constantFrom('\n', '\r', '\r\n'))
  .map(([body, end]) => `//${body.join('')}${end}`);
/** Space between two tokens: nothing, whitespace, or comments. */
const gap = fc.array(fc.oneof(breaks, comment), { maxLength: 3 }).map((parts) => parts.join(''));
/** A string literal: text, placeholders, and escapes Cedar accepts. */
const literal = fc
  .array(fc.constantFrom('a', ' ', '{{v}}', '{{w}}', '//', ';', '\\"', '\\\\', '\\n', '\\t', '\u2028', '\u0085', '\n', '\f', 'é'), { maxLength: 5 })
  .map((parts) => `"${parts.join('')}"`);
const comparison = fc.tuple(gap, literal, gap, gap, literal, gap).map(([a, left, b, c, right, d]) => `${a}${left}${b}==${c}${right}${d}`);
const policy = fc
  .tuple(gap, fc.constantFrom('permit', 'forbid'), gap, gap, fc.array(comparison, { minLength: 1, maxLength: 3 }), gap)
  .map(([a, effect, b, c, conditions, d]) => `${a}${effect}${b}(principal,${c}action, resource) when {${conditions.join('&&')}}${d};`);
const policyText = fc.tuple(fc.array(policy, { minLength: 1, maxLength: 3 }), gap).map(([policies, tail]) => policies.join('') + tail);

interface View {
  policies: number;
  /** Every string literal, decoded, sorted. */
  strings: string[];
}

/** What Cedar sees in a text it parses, with the effect of each policy. */
function cedarStrings(text: string): (View & { effects: string[] }) | undefined {
  const parts = cedar.policySetTextToParts(text);
  if (parts.type !== 'success') return undefined;
  const strings: string[] = [];
  const effects: string[] = [];
  const collect = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node !== null && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) (key === 'Value' && typeof value === 'string' ? strings.push(value) : collect(value));
    }
  };
  for (const part of parts.policies) {
    const json = cedar.policyToJson(part);
    if (json.type !== 'success') return undefined;
    collect(json.json.conditions);
    effects.push(json.json.effect);
  }
  return { policies: parts.policies.length, strings: strings.sort(), effects };
}

/** The same, as the tool's lexer sees the text. */
function toolStrings(text: string): View {
  const tokens = tokenize(text);
  const strings = tokens.filter((t) => t.kind === 'string').map((t) => unquote(t.text));
  return { policies: splitStatements(tokens).filter((s) => s.length > 0).length, strings: strings.sort() };
}

describe('the lexer and Cedar', () => {
  it('see the same policies and the same string literals, before and after variables are filled', () => {
    let parsed = 0;
    fc.assert(
      fc.property(policyText, fc.constantFrom('arn:aws:x', '" || true || "', '\\', '}}'), (text, value) => {
        const seen = cedarStrings(text);
        if (!seen) return;
        parsed++;
        const { effects, ...view } = seen;
        expect(toolStrings(text)).toEqual(view);
        if (seen.policies === 1) expect(readPolicyShape(text)?.effect).toBe(effects[0]);
        // Filled values land only inside what Cedar reads as strings: the filled text parses to the same policies,
        // and every placeholder the tool filled is gone from Cedar's strings.
        const filled = fillVariables(text, { v: value, w: value }).text;
        const after = cedarStrings(filled);
        expect(after?.policies).toBe(seen.policies);
        expect(toolStrings(filled)).toEqual({ policies: after!.policies, strings: after!.strings });
        expect(after!.strings.join('')).not.toMatch(/\{\{\s*[vw]\s*\}\}/);
      }),
      { numRuns: 400 },
    );
    // Most generated texts are Cedar: the comparison ran, rather than being skipped.
    expect(parsed).toBeGreaterThan(200);
  });

  it.each([
    ['a lone carriage return', '\r'],
    ['a carriage return and line feed', '\r\n'],
    ['a line feed', '\n'],
  ])('end a comment at %s, so what follows is code for both', (_, end) => {
    const text = `permit(principal, action, resource) when { // note "${end} "{{v}}" == "x" };`;
    expect(toolStrings(text)).toEqual({ policies: 1, strings: ['x', '{{v}}'] });
    expect(cedarStrings(text)).toMatchObject(toolStrings(text));
    expect(fillVariables(text, { v: '" || true || "' }).text).toContain('"\\" || true || \\"" == "x"');
    const second = `permit(principal, action, resource); // one${end}permit(principal, action, resource);`;
    expect(splitStatements(tokenize(second))).toHaveLength(2);
  });

  it.each([
    ['form feed', '\f'],
    ['vertical tab', '\v'],
    ['NEL', '\u0085'],
    ['line separator', '\u2028'],
    ['paragraph separator', '\u2029'],
  ])('keep a comment going past a %s', (_, separator) => {
    const text = `permit(principal, action, resource) when { true // "${separator} "{{v}}" == "x"\n};`;
    expect(cedarStrings(text)).toMatchObject(toolStrings(text));
    expect(tokenize(text).filter((t) => t.kind === 'string')).toEqual([]);
  });

  it("read a policy whose tokens are separated by any of Cedar's spaces", () => {
    for (const space of BREAKS) {
      const text = `forbid${space}(${space}principal,${space}action${space}==${space}AgentCore::Action::"A___b",${space}resource${space});`;
      expect(cedarStrings(text)?.policies).toBe(1);
      expect(readPolicyShape(text)).toMatchObject({ effect: 'forbid', action: { op: '==', entityId: 'A___b' } });
    }
  });
});
