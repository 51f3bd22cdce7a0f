import { describe, expect, it } from 'vitest';
import { diffAccess } from './index.js';
import {
  APPROVE,
  CLAIM,
  cedarDecides,
  DECISION_GW,
  decisionGateway,
  forbid,
  iamGateway,
  IAM_GW,
  INSURANCE_GW,
  insuranceGateway,
  permit,
  policy,
  PAYMENT_GW,
  paymentGateway,
  RATE,
  REFUND,
  REFUND_GW,
  refundGateway,
  RUN_JOB,
  SHIPPING_GW,
  shippingGateway,
  TRANSFER,
  witnessesHold,
} from '../../test/builders/access.js';
import type { AccessGateway, AccessPolicy, AccessRequest } from './types.js';

function compare(gw: AccessGateway, action: string, before: AccessPolicy[], after: AccessPolicy[]) {
  const result = diffAccess([gw], before, after).find((r) => r.action === action)!;
  expect(witnessesHold(gw, result, before, after)).toBe(true);
  return result;
}

/** Claims and inputs of a request in one line, as a reviewer reads it. */
const brief = (r: AccessRequest) =>
  [...Object.entries(r.principal.tags ?? {}), ...Object.entries(r.input)].map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(',')}]` : String(v)}`).join(', ');

const agent = 'principal.hasTag("username") && principal.getTag("username") == "refund-agent"';
const refund = (when: string, active = true) => policy(permit(REFUND_GW, REFUND, when), active);
const transfer = (when: string) => policy(permit(PAYMENT_GW, TRANSFER, when));
const blockSuspended = policy('forbid (principal is AgentCore::OAuthUser, action, resource)\nwhen { principal.hasTag("username") && principal.getTag("username") == "suspended-user" };');

describe('equivalent rewrites', () => {
  const cases: [string, string, string][] = [
    ['< 500 and <= 499 on a Long', `${agent} && context.input.amount < 500`, `${agent} && context.input.amount <= 499`],
    ['reordered conjuncts', `${agent} && context.input.amount < 500`, `context.input.amount < 500 && principal.hasTag("username") && principal.getTag("username") == "refund-agent"`],
    ['a negated bound', `${agent} && context.input.amount < 500`, `${agent} && !(context.input.amount >= 500)`],
    ['if-then-else for &&', `${agent} && context.input.amount < 500`, `if ${agent} then context.input.amount < 500 else false`],
    ['getTag without hasTag (a missing tag is an error, so not satisfied)', `${agent} && context.input.amount < 500`, `principal.getTag("username") == "refund-agent" && context.input.amount < 500`],
    ['has guard written twice', `context.input has reason && context.input.reason == "damaged"`, `context.input has reason && (context.input has reason && context.input.reason == "damaged")`],
    ['== written as a one-element set', `${agent}`, `principal.hasTag("username") && ["refund-agent"].contains(principal.getTag("username"))`],
  ];
  for (const [name, before, after] of cases) {
    it(name, () => {
      expect(compare(refundGateway, REFUND, [refund(before)], [refund(after)])).toMatchObject({ verdict: 'equivalent', newlyAllowed: [], newlyDenied: [] });
    });
  }

  it('[a, b].contains(x) is x == a || x == b', () => {
    const seed = policy(permit(DECISION_GW, APPROVE, 'principal.hasTag("role") && ["manager", "director"].contains(principal.getTag("role")) && context.input.amount > 100000'));
    const spelled = policy(permit(DECISION_GW, APPROVE, 'principal.hasTag("role") && (principal.getTag("role") == "director" || principal.getTag("role") == "manager") && context.input.amount >= 100001'));
    expect(compare(decisionGateway, APPROVE, [seed], [spelled]).verdict).toBe('equivalent');
  });

  it('a permit subsumed by another adds nothing', () => {
    const wide = refund(`${agent} && context.input.amount < 500`);
    const narrow = refund(`${agent} && context.input.amount < 100 && context.input has reason`);
    expect(compare(refundGateway, REFUND, [wide], [wide, narrow]).verdict).toBe('equivalent');
  });

  it('comments and formatting only: the fast path, no search', () => {
    const text = permit(REFUND_GW, REFUND, `${agent} && context.input.amount < 500`);
    const commented = `// refunds up to $499\n${text.replace('when {', 'when {\n  // the agent only\n')}`;
    expect(compare(refundGateway, REFUND, [policy(text)], [policy(commented)]).verdict).toBe('equivalent');
  });

  it('a LOG_ONLY policy decides nothing', () => {
    const base = [refund(`${agent} && context.input.amount < 500`)];
    const logOnly = refund('true', false);
    expect(compare(refundGateway, REFUND, base, [...base, logOnly]).verdict).toBe('equivalent');
    const logOnlyForbid = policy(forbid(REFUND_GW, REFUND), false);
    expect(compare(refundGateway, REFUND, base, [...base, logOnlyForbid]).verdict).toBe('equivalent');
  });

  it('scopes written differently: action in its target, a list of one, resource is Gateway', () => {
    const when = `${agent} && context.input.amount < 500`;
    const byName = policy(permit(REFUND_GW, REFUND, when));
    const byTarget = policy(permit(REFUND_GW, REFUND, when).replace(`action == AgentCore::Action::"${REFUND}"`, 'action in AgentCore::Action::"RefundTarget"'));
    const byList = policy(permit(REFUND_GW, REFUND, when).replace(`action == AgentCore::Action::"${REFUND}"`, `action in [AgentCore::Action::"${REFUND}", AgentCore::Action::"${TRANSFER}"]`));
    const anyGateway = policy(permit(REFUND_GW, REFUND, when).replace(`resource == AgentCore::Gateway::"${REFUND_GW}"`, 'resource is AgentCore::Gateway'));
    const inCondition = policy(`permit (principal, action, resource) when { principal is AgentCore::OAuthUser && action == AgentCore::Action::"${REFUND}" && resource in AgentCore::Gateway::"${REFUND_GW}" && ${when} };`);
    for (const other of [byTarget, byList, anyGateway, inCondition]) expect(compare(refundGateway, REFUND, [byName], [other]).verdict).toBe('equivalent');
  });

  it('principal.id and principal == name the same caller', () => {
    const byId = policy(permit(REFUND_GW, REFUND, 'principal.id == "svc-refunds"'));
    const byEntity = policy(permit(REFUND_GW, REFUND, undefined, 'principal == AgentCore::OAuthUser::"svc-refunds"'));
    expect(compare(refundGateway, REFUND, [byId], [byEntity]).verdict).toBe('equivalent');
    const result = compare(refundGateway, REFUND, [byId], [policy(permit(REFUND_GW, REFUND, 'principal.id like "svc-*"'))]);
    expect(result.verdict).toBe('widens');
    expect(result.newlyAllowed[0]!.principal.id).toMatch(/^svc-/);
    expect(result.newlyAllowed[0]!.principal.id).not.toBe('svc-refunds');
  });

  it('a permit for another gateway, action or principal type changes nothing here', () => {
    const base = [refund(`${agent} && context.input.amount < 500`)];
    const elsewhere = [
      policy(permit(PAYMENT_GW, REFUND)),
      policy(permit(REFUND_GW, TRANSFER)),
      policy(permit(REFUND_GW, REFUND, undefined, 'principal is AgentCore::IamEntity')),
    ];
    expect(compare(refundGateway, REFUND, base, [...base, ...elsewhere]).verdict).toBe('equivalent');
  });
});

describe('widens, narrows, both', () => {
  it('a raised refund limit widens, at the boundary: username=refund-agent, amount=500', () => {
    const result = compare(refundGateway, REFUND, [refund(`${agent} && context.input.amount < 500`)], [refund(`${agent} && context.input.amount < 600`)]);
    expect(result.verdict).toBe('widens');
    expect(result.newlyAllowed).toEqual([{ principal: { type: 'OAuthUser', id: 'user', tags: { username: 'refund-agent' } }, input: { orderId: 'x', amount: 500 } }]);
  });

  it('a lowered limit narrows, at its new bound', () => {
    const result = compare(refundGateway, REFUND, [refund(`${agent} && context.input.amount < 500`)], [refund(`${agent} && context.input.amount < 400`)]);
    expect(result.verdict).toBe('narrows');
    expect(result.newlyDenied.map(brief)).toEqual(['username=refund-agent, orderId=x, amount=400']);
  });

  it('moving a permit from one tier to another is both', () => {
    const result = compare(
      paymentGateway,
      TRANSFER,
      [transfer('principal.hasTag("tier") && principal.getTag("tier") == "standard" && context.input.amount < 10000')],
      [transfer('principal.hasTag("tier") && principal.getTag("tier") == "premium" && context.input.amount < 10000')],
    );
    expect(result.verdict).toBe('both');
    expect(result.newlyAllowed.map(brief)).toEqual(['tier=premium, fromAccount=x, recipient=x, amount=9999']);
    expect(result.newlyDenied.map(brief)).toEqual(['tier=standard, fromAccount=x, recipient=x, amount=9999']);
  });

  it('lifting the block-user forbid widens for the blocked user only', () => {
    const permits = [refund('principal.hasTag("username")')];
    const result = compare(refundGateway, REFUND, [...permits, blockSuspended], permits);
    expect(result.verdict).toBe('widens');
    expect(result.newlyAllowed.map(brief)).toEqual(['username=suspended-user, orderId=x, amount=0']);
  });

  it('a like scope made broader widens with a string only the new pattern matches', () => {
    const result = compare(
      paymentGateway,
      TRANSFER,
      [transfer('principal.hasTag("scope") && principal.getTag("scope") like "*payment:process*" && context.input.amount < 10000')],
      [transfer('principal.hasTag("scope") && principal.getTag("scope") like "*payment:*" && context.input.amount < 10000')],
    );
    expect(result.verdict).toBe('widens');
    expect(result.newlyAllowed).toHaveLength(1);
    const scope = result.newlyAllowed[0]!.principal.tags!.scope!;
    expect(scope).toMatch(/payment:/);
    expect(scope).not.toMatch(/payment:process/);
  });

  it('a region added to the list widens for that region', () => {
    const regions = (list: string) => policy(permit(SHIPPING_GW, RATE, `context.input has region && [${list}].contains(context.input.region)`));
    const result = compare(shippingGateway, RATE, [regions('"US", "CA", "UK"')], [regions('"US", "CA", "UK", "MX"')]);
    expect(result.verdict).toBe('widens');
    expect(result.newlyAllowed.map(brief)).toEqual(['weight=0, region=MX']);
  });

  it('dropping the required-description forbid widens for claims without one', () => {
    const adjuster = policy(permit(INSURANCE_GW, CLAIM, 'principal.hasTag("role") && principal.getTag("role") == "adjuster"'));
    const requires = policy(forbid(INSURANCE_GW, CLAIM, undefined, 'principal is AgentCore::OAuthUser').replace(';', '\nunless { context.input has description };'));
    const result = compare(insuranceGateway, CLAIM, [adjuster, requires], [adjuster]);
    expect(result.verdict).toBe('widens');
    expect(result.newlyAllowed.map(brief)).toEqual(['role=adjuster, claimId=x']);
  });

  it('a permit turned LOG_ONLY narrows', () => {
    const text = `${agent} && context.input.amount < 500`;
    expect(compare(refundGateway, REFUND, [refund(text)], [refund(text, false)]).verdict).toBe('narrows');
  });

  it('error semantics: a forbid `unless` reading a missing tag errors, so it does not deny', () => {
    // Without hasTag, a caller with no role tag makes the forbid error (not satisfied): the permit allows them.
    const permits = [refund('true')];
    const unguarded = policy(forbid(REFUND_GW, REFUND).replace(';', '\nunless { principal.getTag("role") == "admin" };'));
    const guarded = policy(forbid(REFUND_GW, REFUND).replace(';', '\nunless { principal.hasTag("role") && principal.getTag("role") == "admin" };'));
    const result = compare(refundGateway, REFUND, [...permits, unguarded], [...permits, guarded]);
    expect(result.verdict).toBe('narrows');
    expect(result.newlyDenied.map(brief)).toEqual(['orderId=x, amount=0']);
  });

  it('the same rule on an IAM gateway: principal ids, no tags', () => {
    const role = (id: string) => policy(`permit (principal == AgentCore::IamEntity::"${id}", action, resource == AgentCore::Gateway::"${IAM_GW}");`);
    const result = compare(iamGateway, RUN_JOB, [role('arn:aws:iam::1:role/ops')], [role('arn:aws:iam::1:role/oncall')]);
    expect(result.verdict).toBe('both');
    expect(result.newlyAllowed).toEqual([{ principal: { type: 'IamEntity', id: 'arn:aws:iam::1:role/oncall' }, input: { job: 'x', labels: [] } }]);
    expect(result.newlyDenied[0]!.principal.id).toBe('arn:aws:iam::1:role/ops');
  });

  it('Set inputs: contains, containsAny, containsAll and isEmpty', () => {
    const job = (when: string) => policy(`permit (principal, action, resource == AgentCore::Gateway::"${IAM_GW}") when { ${when} };`);
    const anyOf = compare(iamGateway, RUN_JOB, [job('context.input.labels.contains("dev")')], [job('context.input.labels.containsAny(["dev", "test"])')]);
    expect(anyOf.verdict).toBe('widens');
    expect(anyOf.newlyAllowed.map((r) => r.input.labels)).toEqual([['test']]);
    const empty = compare(iamGateway, RUN_JOB, [job('true')], [job('!context.input.labels.isEmpty()')]);
    expect(empty.newlyDenied.map((r) => r.input.labels)).toEqual([[]]);
    const within = compare(iamGateway, RUN_JOB, [job('["dev", "test"].containsAll(context.input.labels)')], [job('context.input.labels.isEmpty() || context.input.labels == ["dev"] || context.input.labels == ["test"] || context.input.labels == ["dev", "test"]')]);
    expect(within.verdict).toBe('equivalent');
    const all = compare(iamGateway, RUN_JOB, [job('context.input.labels.containsAll(["dev", "test"])')], [job('context.input.labels.contains("dev") && context.input.labels.contains("test")')]);
    expect(all.verdict).toBe('equivalent');
  });

  it('optional nested records and Booleans', () => {
    const job = (when: string) => policy(`permit (principal, action, resource) when { ${when} };`);
    const result = compare(iamGateway, RUN_JOB, [job('context.input has limits && context.input.limits.cpu < 4')], [job('context.input has limits && context.input.limits.cpu < 4 && !(context.input has dryRun && context.input.dryRun)')]);
    expect(result.verdict).toBe('narrows');
    expect(result.newlyDenied[0]!.input).toEqual({ job: 'x', labels: [], limits: { cpu: 3 }, dryRun: true });
  });

  it('witnesses are capped at three, one per situation', () => {
    const result = compare(refundGateway, REFUND, [refund(agent)], [refund('principal.hasTag("username")')]);
    expect(result.verdict).toBe('widens');
    expect(result.newlyAllowed.length).toBeGreaterThan(0);
    expect(result.newlyAllowed.length).toBeLessThanOrEqual(3);
    for (const request of result.newlyAllowed) expect(request.principal.tags!.username).not.toBe('refund-agent');
  });
});

describe('unknown, only where the analysis cannot decide', () => {
  const job = (when: string) => policy(`permit (principal, action, resource) when { context.input has limits && context.input.limits has memory && ${when} };`);

  it('says so when a change turns on comparing two attributes', () => {
    const result = compare(iamGateway, RUN_JOB, [job('context.input.limits.cpu < context.input.limits.memory')], [job('context.input.limits.cpu <= context.input.limits.memory')]);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain('compares two attributes');
  });

  it('still proves equivalence around the same opaque comparison', () => {
    const result = compare(iamGateway, RUN_JOB, [job('context.input.limits.cpu < context.input.limits.memory && context.input.job == "a"')], [job('context.input.job == "a" && context.input.limits.cpu < context.input.limits.memory')]);
    expect(result.verdict).toBe('equivalent');
  });

  it('shows a difference Cedar confirms even when part of the policy is opaque', () => {
    const result = compare(iamGateway, RUN_JOB, [job('context.input.limits.cpu + 1 < 8 && context.input.job == "a"')], [job('context.input.limits.cpu + 1 < 8 && context.input.job == "b"')]);
    // cpu defaults to 0, which satisfies the arithmetic, so Cedar confirms both directions.
    expect(result.verdict).toBe('both');
  });

  it('arithmetic and decimals are named in the reason', () => {
    const arithmetic = compare(refundGateway, REFUND, [refund('context.input.amount + 1 < 500')], [refund('context.input.amount * 2 < 1000')]);
    expect(arithmetic).toMatchObject({ verdict: 'unknown' });
    expect(arithmetic.reason).toContain('does arithmetic on an attribute');
    const ratio = (bound: string) => policy(`permit (principal, action, resource) when { context.input has ratio && context.input.ratio.lessThan(decimal("${bound}")) };`);
    const decimals = compare(iamGateway, RUN_JOB, [ratio('0.5')], [ratio('0.75')]);
    expect(decimals.verdict).toBe('unknown');
    expect(decimals.reason).toContain('uses decimal values');
  });

  it('gives up with a reason when the combinations explode', () => {
    // 2^22 ways to satisfy the shared clauses, each ending in the one change: more than the search may visit.
    const clauses = Array.from({ length: 22 }, (_, i) => `(principal.getTag("a${i}") == "x" || principal.getTag("b${i}") == "x")`).join(' && ');
    const result = compare(refundGateway, REFUND, [refund(clauses)], [refund(`${clauses} && context.input.amount != 7`)]);
    expect(result.verdict).toBe('unknown');
    expect(result.reason).toContain('too many combinations');
    expect(result.newlyDenied.length).toBeGreaterThan(0);
  });

  it('a statement that does not parse', () => {
    const result = compare(refundGateway, REFUND, [refund('true')], [policy('permit (principal, action, resource) when { nonsense };', true, 'Broken')]);
    expect(result).toMatchObject({ verdict: 'unknown', reason: 'Broken does not parse' });
  });

  it('a statement that does not parse and stays as it is leaves alike the tools no change applies to', () => {
    const broken = policy('permit (principal, action, resource) when { nonsense };', true, 'Broken');
    const results = diffAccess([refundGateway, iamGateway], [broken, refund('true')], [broken, refund('false')]);
    expect(results.map((r) => [r.action, r.verdict, r.reason])).toEqual([
      [RUN_JOB, 'equivalent', undefined],
      [REFUND, 'unknown', 'Broken does not parse'],
    ]);
  });
});

describe('the whole result', () => {
  it('lists every governed action of every gateway, sorted, equivalent ones included', () => {
    const results = diffAccess([shippingGateway, refundGateway, iamGateway], [], []);
    expect(results.map((r) => [r.gateway, r.action, r.verdict])).toEqual([
      [IAM_GW, RUN_JOB, 'equivalent'],
      [REFUND_GW, REFUND, 'equivalent'],
      [SHIPPING_GW, RATE, 'equivalent'],
    ]);
  });

  it('an unconditional permit for everything widens every action, checked by Cedar', () => {
    const all = [policy('permit (principal, action, resource);')];
    const results = diffAccess([refundGateway, iamGateway], [], all);
    expect(results.map((r) => r.verdict)).toEqual(['widens', 'widens']);
    for (const r of results) {
      const gw = r.gateway === IAM_GW ? iamGateway : refundGateway;
      expect(cedarDecides(gw, r.action, all, r.newlyAllowed[0]!)).toBe('allow');
    }
  });
});
