import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_NESTING, nestingIssue, nestingPastLimit } from './nesting.js';
import { tokenize } from './tokens.js';
import * as cedar from './wasm.js';

const when = (condition: string) => `permit(principal, action, resource) when { ${condition} };`;

/** The smallest limit a text stays within. */
function depthOf(text: string): number {
  const tokens = tokenize(text);
  let depth = 0;
  while (nestingPastLimit(tokens, depth)) depth++;
  return depth;
}

/** A construct repeated `n` times around (or after) a leaf. */
const SHAPES: Record<string, (n: number) => string> = {
  parentheses: (n) => `${'('.repeat(n)}true${')'.repeat(n)}`,
  lists: (n) => `${'['.repeat(n)}1${']'.repeat(n)}.contains(1)`,
  records: (n) => `${'{a: '.repeat(n)}1${'}'.repeat(n)} == {}`,
  calls: (n) => `${'ip('.repeat(n)}"1.1.1.1"${')'.repeat(n)}.isIpv4()`,
  'nested ifs': (n) => `${'if true then '.repeat(n)}true${' else false'.repeat(n)}`,
  'else-if chains': (n) => `${'if false then false else '.repeat(n)}true`,
  products: (n) => `${Array(n + 1).fill('1').join(' * ')} == 1`,
  sums: (n) => `${Array(n + 1).fill('1').join(' + ')} == 1`,
  differences: (n) => `${Array(n + 1).fill('1').join(' - ')} == 1`,
  'attribute chains': (n) => `context${'.a'.repeat(n)} == 1`,
  'index chains': (n) => `context${'["a"]'.repeat(n)} == 1`,
  'method chains': (n) => `ip("1.1.1.1")${'.isIpv4()'.repeat(n)}`,
  'or chains': (n) => Array(n + 1).fill('principal == principal').join(' || '),
  'and chains': (n) => Array(n + 1).fill('principal == principal').join(' && '),
};

/** Every cedar-wasm call the tool makes with a policy, on one text; throws when Cedar traps. */
function everyCall(text: string): void {
  const schema = { AgentCore: { entityTypes: { U: {} }, actions: { a: { appliesTo: { principalTypes: ['U'], resourceTypes: ['U'] } } } } };
  cedar.checkParsePolicySet({ staticPolicies: text });
  cedar.validate({ schema, policies: { staticPolicies: text }, validationSettings: { mode: 'strict' } });
  cedar.formatPolicies({ policyText: text });
  if (cedar.preparsePolicySet('nesting-test', { staticPolicies: { p: text } }).type === 'success') {
    const uid = { type: 'AgentCore::U', id: 'u' };
    cedar.statefulIsAuthorized({ principal: uid, action: { type: 'AgentCore::Action', id: 'a' }, resource: uid, context: {}, entities: [], preparsedPolicySetId: 'nesting-test' });
  }
}

describe('nestingPastLimit', () => {
  it.each(Object.keys(SHAPES))('counts one level per repetition of %s', (shape) => {
    const make = SHAPES[shape]!;
    // The `when { }` braces and a leaf's own operators are the same in both: only the repetitions differ.
    expect(depthOf(when(make(30))) - depthOf(when(make(10)))).toBe(20);
  });

  it.each(Object.keys(SHAPES))('lets Cedar run %s at the limit without trapping, and stops them one level past it', (shape) => {
    const make = SHAPES[shape]!;
    let n = 1;
    while (depthOf(when(make(n + 1))) <= MAX_NESTING) n++;
    expect(() => everyCall(when(make(n)))).not.toThrow();
    expect(nestingPastLimit(tokenize(when(make(n + 1))))).toBeDefined();
  });

  it('points at the first bracket past the limit', () => {
    const text = when(SHAPES.parentheses!(150));
    const token = nestingPastLimit(tokenize(text))!;
    // `when {` is the first level, so the 40th parenthesis is the 41st level.
    expect(token).toMatchObject({ text: '(', start: text.indexOf('(', text.indexOf('{')) + MAX_NESTING - 1 });
  });

  it('counts the longest chain, not every operator, and brackets closed one after the other once', () => {
    const conditions = Array.from({ length: 30 }, (_, i) => `context.input.a${i} < ${i}`).join(' && ');
    expect(depthOf(when(conditions))).toBe(1 + 29 + 1 + 2);
    expect(depthOf(when('[1, [2, [3]], [4], [[5]]].contains(1)'))).toBe(1 + 1 + 3);
    // A chain that starts with a deep operand is deep at its start: Cedar nests chains to the left.
    expect(depthOf(when(`((((1)))) * 2 * 2 * 2 == 1`))).toBe(1 + 4 + 3 + 1);
  });

  it('tells unary from binary minus, and a list from an index', () => {
    expect(depthOf(when(`${'-'.repeat(500)}1 == 1`))).toBe(2);
    expect(depthOf(when(`${'!'.repeat(500)}true`))).toBe(1);
    // The scope's parentheses, `in`, and the list: a list after `in` is not an index.
    expect(depthOf('permit(principal, action in [AgentCore::Action::"A"], resource);')).toBe(3);
    expect(depthOf(when('context["a"]["b"] == 1'))).toBe(1 + 1 + 2 + 1);
  });

  it('counts each statement on its own, and nothing inside strings or comments', () => {
    const deep = when(SHAPES.parentheses!(35));
    expect(depthOf(`${deep}\n${deep}`)).toBe(depthOf(deep));
    expect(depthOf(when(`"${'('.repeat(100)}" == "" // ${'('.repeat(100)}\n`))).toBe(2);
  });

  it('never throws, whatever the tokens, and nestingIssue finds exactly what it finds', () => {
    const word = fc.constantFrom('(', ')', '[', ']', '{', '}', ';', ',', 'if', 'then', 'else', 'in', 'has', '.', '-', '*', '||', '&&', '==', 'x', '"s"', '"(("', 'constructor', 'toString', '__proto__');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), fc.constantFrom(' ', ''), fc.integer({ min: 0, max: 12 }), (words, space, limit) => {
        const text = words.join(space);
        const token = nestingPastLimit(tokenize(text), limit);
        expect(nestingIssue(text, limit)?.start).toBe(token && Buffer.byteLength(text.slice(0, token.start)));
      }),
    );
  });

  it('finds every policy of the example repository far inside the limit', () => {
    const root = join(import.meta.dirname, '../../policies');
    const files = ['business_rules/refund_under_500.cedar', 'business_rules/shipping_regional_restriction.cedar', 'authorization/manager_high_value_approval.cedar'];
    for (const file of files) expect(depthOf(readFileSync(join(root, file), 'utf8'))).toBeLessThan(MAX_NESTING / 4);
  });
});

describe('nestingIssue', () => {
  it('gives a UTF-8 byte span, as cedar-wasm does, past non-ASCII text', () => {
    const text = `// é → ü\n${when(SHAPES.parentheses!(60))}`;
    const issue = nestingIssue(text)!;
    const bytes = Buffer.from(text);
    expect(bytes.subarray(issue.start, issue.end).toString()).toBe('(');
    expect(bytes.subarray(0, issue.start).toString().length).toBe(nestingPastLimit(tokenize(text))!.start);
    expect(issue.message).toContain(`more than ${MAX_NESTING} levels`);
    expect(nestingIssue(when('true'))).toBeUndefined();
  });
});
