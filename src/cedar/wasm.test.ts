// The second line of defence: a statement that traps cedar-wasm (here sent straight to it, past the nesting check)
// costs one call, not the process.
import { describe, expect, it } from 'vitest';
import { createAuthorizer } from './authorize.js';
import { checkSyntax, validatePolicies } from './check.js';
import { safely, trapped } from './issues.js';
import { buildCedarSchema } from './schema.js';
import * as cedar from './wasm.js';

const GOOD = 'permit(principal, action, resource) when { 1 < 2 };';
const when = (condition: string) => `permit(principal, action, resource) when { ${condition} };`;
/** The issue's reproduction: 150 nested parentheses overflow Cedar's parser. */
const PARENTHESES = when(`${'('.repeat(150)}true${')'.repeat(150)}`);
/** Parses (Cedar's parser reads chains in a loop) but overflows the validator and the evaluator. */
const PRODUCT = when(`${Array(3000).fill('1').join(' * ')} == 1`);
const gateway = { authorizerType: 'CUSTOM_JWT' as const, targets: [{ name: 'T', tools: [{ name: 't', inputSchema: { type: 'object' as const, properties: { n: { type: 'integer' as const } } } }] }] };
const schema = buildCedarSchema([gateway]);

describe('the cedar-wasm instance', () => {
  it.each([
    ['parse', () => cedar.checkParsePolicySet({ staticPolicies: PARENTHESES })],
    ['format', () => cedar.formatPolicies({ policyText: PARENTHESES })],
    ['validate', () => cedar.validate({ schema: schema as cedar.Schema, policies: { staticPolicies: PRODUCT } })],
  ])('is replaced after a trap in %s, and the next call works', (_, trap) => {
    const before = cedar.instanceGeneration();
    const answer = safely(trap);
    expect(trapped(answer)).toBe(true);
    expect(cedar.checkParsePolicySet({ staticPolicies: GOOD })).toEqual({ type: 'success' });
    expect(cedar.formatPolicies({ policyText: GOOD })).toMatchObject({ type: 'success' });
    expect(cedar.instanceGeneration()).toBe(before + 1);
  });

  it('is kept when cedar-wasm only refuses an input of the wrong shape', () => {
    const before = cedar.instanceGeneration();
    const answer = safely(() => cedar.checkParsePolicySet('not a policy set' as unknown as cedar.PolicySet));
    expect(answer).toMatchObject({ type: 'failure' });
    expect(trapped(answer)).toBe(false);
    expect(cedar.instanceGeneration()).toBe(before);
  });
});

describe('checks when Cedar traps anyway', () => {
  // An unlimited nesting check lets the trapping policy through to Cedar, as a construct the check missed would be.
  const unchecked = Infinity;

  it('blames only the policy that trapped; the others keep their exact findings', () => {
    const broken = 'permit(principal, action, resource) when { x };';
    const issues = checkSyntax(new Map([['good', GOOD], ['deep', PARENTHESES], ['broken', broken]]), unchecked);
    expect(issues.has('good')).toBe(false);
    expect(issues.get('deep')![0]!.message).toMatch(/^Cedar ran out of stack/);
    expect(issues.get('broken')).toEqual([expect.objectContaining({ message: expect.stringContaining('invalid variable: x') as string, start: 43 })]);
  });

  it('validates the others when one policy traps the validator', () => {
    const typo = 'permit(principal, action == AgentCore::Action::"T___t", resource) when { context.input.m > 1 };';
    const result = validatePolicies(schema, new Map([['good', GOOD], ['deep', PRODUCT], ['typo', typo]]), unchecked);
    expect(result.failed).toBe(false);
    expect(result.issues.has('good')).toBe(false);
    expect(result.issues.get('deep')![0]!.message).toMatch(/^Cedar ran out of stack/);
    const [finding] = result.issues.get('typo')!;
    expect(typo.slice(finding!.start, finding!.end)).toBe('context.input.m');
  });

  it('prepares an authorizer again on the instance that replaced a trapped one', () => {
    const authorize = createAuthorizer('wasm-test', { Small: 'permit(principal, action, resource) when { context.input.n < 5 };' }, schema);
    if (typeof authorize !== 'function') throw new Error(JSON.stringify(authorize));
    const request = (n: number) => ({ principal: { type: 'OAuthUser' as const, id: 'u', tags: {} }, action: 'T___t', resource: 'gw', input: { n } });
    expect(authorize(request(1))).toMatchObject({ ok: true, decision: 'allow' });
    expect(trapped(safely(() => cedar.checkParsePolicySet({ staticPolicies: PARENTHESES })))).toBe(true);
    expect(authorize(request(1))).toMatchObject({ ok: true, decision: 'allow', reasons: ['Small'] });
    expect(authorize(request(9))).toMatchObject({ ok: true, decision: 'deny' });
  });

  it('refuses, without asking Cedar, what the nesting check stops', () => {
    const before = cedar.instanceGeneration();
    expect(checkSyntax(new Map([['deep', PARENTHESES]])).get('deep')![0]!.message).toMatch(/more than 40 levels/);
    expect(validatePolicies(schema, new Map([['deep', PRODUCT]]))).toMatchObject({ failed: true });
    expect(createAuthorizer('wasm-test-deep', { Deep: PRODUCT }, schema)).toMatchObject({ issues: [{ message: expect.stringMatching(/more than 40 levels/) as string }] });
    expect(cedar.instanceGeneration()).toBe(before);
  });
});
