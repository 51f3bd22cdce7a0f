import { describe, expect, it } from 'vitest';
import { createAuthorizer, type AuthorizationRequest, type Authorizer } from '../../cedar/authorize.js';
import { decide, DEFAULT_DENY_REASON, denialMessage } from './decide.js';

const ACTION = 'RefundTarget___process_refund';
const permitUnder = (n: number) => `permit (principal, action, resource) when { context.input.amount < ${n} };`;
const forbidOver = (n: number) => `forbid (principal, action, resource) when { context.input.amount > ${n} };`;

let slot = 0;
function authorizer(policies: Record<string, string>): Authorizer {
  const made = createAuthorizer(`decide-test-${slot++}`, policies);
  if (typeof made !== 'function') throw new Error(made.issues[0]!.message);
  return made;
}

const request = (amount: number): AuthorizationRequest => ({ principal: { type: 'OAuthUser', id: 'u', tags: {} }, action: ACTION, resource: 'gw', input: { amount } });

describe('decide', () => {
  it('allows with the permits that held as determining policies', () => {
    const result = decide({ active: authorizer({ Small: permitUnder(500), Tiny: permitUnder(100) }) }, request(50));
    expect(result).toMatchObject({ ok: true, decision: { decision: 'ALLOW', determiningPolicies: ['Small', 'Tiny'], reason: 'Policy evaluation allowed due to Small, Tiny' } });
  });

  it('denies by default, and names the forbids that deny', () => {
    const active = authorizer({ Small: permitUnder(500), Cap: forbidOver(300) });
    expect(decide({ active: authorizer({ Small: permitUnder(500) }) }, request(600))).toMatchObject({ ok: true, decision: { decision: 'DENY', determiningPolicies: [], reason: DEFAULT_DENY_REASON } });
    const denied = decide({ active }, request(400));
    expect(denied).toMatchObject({ ok: true, decision: { decision: 'DENY', determiningPolicies: ['Cap'] } });
    expect(denied.ok && denialMessage(denied.decision)).toBe('Tool Execution Denied: Tool call not allowed due to policy enforcement [Policy evaluation denied due to Cap]');
  });

  it('reports LOG_ONLY forbids that held as matched, and as flipping an allowed call', () => {
    const result = decide({ active: authorizer({ Small: permitUnder(500) }), logOnlyForbids: authorizer({ Cap: forbidOver(300), Huge: forbidOver(1000) }) }, request(400));
    expect(result).toMatchObject({ ok: true, decision: { decision: 'ALLOW', logOnlyMatchedPolicies: ['Cap'], logOnlyDecisionFlippingPolicies: ['Cap'] } });
  });

  it('reports LOG_ONLY permits as flipping a call denied by default, not one denied by a forbid', () => {
    const logOnlyPermits = authorizer({ Big: permitUnder(2000) });
    const byDefault = decide({ active: authorizer({ Small: permitUnder(500) }), logOnlyPermits }, request(800));
    expect(byDefault).toMatchObject({ ok: true, decision: { decision: 'DENY', logOnlyMatchedPolicies: ['Big'], logOnlyDecisionFlippingPolicies: ['Big'] } });
    const byForbid = decide({ active: authorizer({ Cap: forbidOver(300) }), logOnlyPermits }, request(800));
    expect(byForbid).toMatchObject({ ok: true, decision: { logOnlyMatchedPolicies: ['Big'], logOnlyDecisionFlippingPolicies: [] } });
  });

  it('does not flip a denial with a LOG_ONLY permit when a LOG_ONLY forbid also holds', () => {
    const result = decide({ active: authorizer({}), logOnlyPermits: authorizer({ Big: permitUnder(2000) }), logOnlyForbids: authorizer({ Cap: forbidOver(300) }) }, request(800));
    expect(result).toMatchObject({ ok: true, decision: { decision: 'DENY', logOnlyMatchedPolicies: ['Big', 'Cap'], logOnlyDecisionFlippingPolicies: [] } });
  });

  it('reports policies that fail to evaluate', () => {
    const tagged = 'permit (principal, action, resource) when { principal.getTag("role") == "admin" };';
    const result = decide({ active: authorizer({ Tagged: tagged }) }, request(1));
    expect(result).toMatchObject({ ok: true, decision: { decision: 'DENY', errors: [{ policy: 'Tagged', message: expect.any(String) }] } });
  });
});
