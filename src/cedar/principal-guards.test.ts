import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createAuthorizer, type AuthorizationRequest } from './authorize.js';
import { guardsExclude, principalGuards } from './principal-guards.js';

describe('principalGuards', () => {
  it('reads the leading tag tests of the first when clause', () => {
    const seed = `permit (principal is AgentCore::OAuthUser, action, resource) when {
      principal.hasTag("username") && principal.getTag("username") == "refund-agent" && context.input.amount < 500 };`;
    expect(principalGuards(seed)).toEqual([
      { kind: 'has', key: 'username' },
      { kind: 'equals', key: 'username', value: 'refund-agent' },
    ]);
    expect(principalGuards('@id("x") forbid (principal, action, resource) when { principal.hasTag("a") } unless { false };')).toEqual([{ kind: 'has', key: 'a' }]);
  });

  it.each([
    ['no condition', 'permit (principal, action, resource);'],
    ['an unless first', 'permit (principal, action, resource) unless { principal.hasTag("a") };'],
    ['a top-level ||', 'permit (principal, action, resource) when { principal.hasTag("a") && true || true };'],
    ['an if at the top level', 'permit (principal, action, resource) when { if principal.hasTag("a") then true else true };'],
    ['the literal first', 'permit (principal, action, resource) when { "v" == principal.getTag("a") };'],
    ['an escape in a literal', 'permit (principal, action, resource) when { principal.getTag("a") == "v\\"" };'],
    ['a carriage return', 'permit (principal, action, resource) when { // note\r principal.hasTag("a") };'],
    ['another test of the tag', 'permit (principal, action, resource) when { principal.getTag("a") != "v" };'],
    ['two policies', 'permit (principal, action, resource) when { principal.hasTag("a") }; permit (principal, action, resource);'],
  ])('finds none in a policy with %s', (_, statement) => {
    expect(principalGuards(statement)).toEqual([]);
  });

  it('stops at the first conjunct that is not a guard', () => {
    expect(principalGuards('permit (principal, action, resource) when { principal.hasTag("a") && context.input.n > 1 && principal.hasTag("b") };')).toEqual([
      { kind: 'has', key: 'a' },
    ]);
  });
});

describe('guardsExclude', () => {
  const guards = principalGuards('permit (principal, action, resource) when { principal.hasTag("a") && principal.getTag("a") == "x" };');
  it('rules out a principal that fails a guard, keeps one that passes or could err', () => {
    expect(guardsExclude(guards, { a: 'y' })).toBe(true);
    expect(guardsExclude(guards, {})).toBe(true);
    expect(guardsExclude(guards, undefined)).toBe(true);
    expect(guardsExclude(guards, { a: 'x' })).toBe(false);
    const unguarded = principalGuards('permit (principal, action, resource) when { principal.getTag("a") == "x" };');
    expect(guardsExclude(unguarded, {})).toBe(false);
    expect(guardsExclude(unguarded, { a: 'y' })).toBe(true);
  });
});

// Leaving out the policies the guards exclude changes nothing Cedar reports, on generated policies and principals.
const key = fc.constantFrom('a', 'b');
const value = fc.constantFrom('x', 'y');
const conjunct = fc.oneof(
  key.map((k) => `principal.hasTag("${k}")`),
  fc.tuple(key, value).map(([k, v]) => `principal.getTag("${k}") == "${v}"`),
  fc.tuple(key, value).map(([k, v]) => `principal.getTag("${k}") != "${v}"`),
  fc.tuple(key, value).map(([k, v]) => `principal.getTag("${k}") like "${v}*"`),
  fc.integer({ min: 0, max: 10 }).map((n) => `context.input.n < ${n}`),
  fc.constantFrom('true', 'false', 'context.input.missing == 1'),
);
const condition = fc.tuple(fc.array(conjunct, { minLength: 1, maxLength: 4 }), fc.boolean()).map(([parts, or]) => parts.join(' && ') + (or ? ' || context.input.n == 3' : ''));
const policy = fc
  .tuple(fc.constantFrom('permit', 'forbid'), fc.constantFrom('principal', 'principal is AgentCore::OAuthUser'), condition, fc.option(condition, { nil: undefined }))
  .map(([effect, scope, when, unless]) => `${effect} (${scope}, action, resource) when { ${when} }${unless ? ` unless { ${unless} }` : ''};`);
const principal = fc.oneof(
  fc.dictionary(key, fc.constantFrom('x', 'y', 'z'), { maxKeys: 2 }).map((tags) => ({ type: 'OAuthUser' as const, id: 'u', tags })),
  fc.constant({ type: 'IamEntity' as const, id: 'arn:aws:iam::123456789012:role/r', tags: {} }),
);

let slot = 0;
function evaluate(policies: Record<string, string>, request: AuthorizationRequest) {
  const authorize = createAuthorizer(`principal-guards-${slot++ % 4}`, policies);
  if (typeof authorize !== 'function') throw new Error(authorize.issues[0]!.message);
  const answer = authorize(request);
  if (!answer.ok) throw new Error(answer.issues[0]!.message);
  return { decision: answer.decision, reasons: answer.reasons, errors: answer.errors.map((e) => e.policy).sort() };
}

describe('leaving out excluded policies', () => {
  it('gives the same decision, reasons and errors as the whole set', () => {
    fc.assert(
      fc.property(fc.array(policy, { minLength: 1, maxLength: 5 }), principal, fc.integer({ min: 0, max: 10 }), (statements, who, n) => {
        const all = Object.fromEntries(statements.map((s, i) => [`P${i}`, s]));
        const tags = who.type === 'OAuthUser' ? who.tags : undefined;
        const kept = Object.fromEntries(Object.entries(all).filter(([, s]) => !guardsExclude(principalGuards(s), tags)));
        const request: AuthorizationRequest = { principal: who, action: 'T___t', resource: 'gw', input: { n } };
        expect(evaluate(kept, request)).toEqual(evaluate(all, request));
      }),
      { numRuns: 400 },
    );
  });
});
