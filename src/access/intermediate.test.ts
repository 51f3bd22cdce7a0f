import { describe, expect, it } from 'vitest';
import { checkIntermediateStates } from './index.js';
import { cedarDecides, forbid, permit, policy, REFUND, REFUND_GW, refundGateway } from '../../test/builders/access.js';

// The example of src/plan/shadows.ts: old {broad permit P, forbid F on r}, new {narrow P', F' no longer
// forbidding r}. Once F is updated while P is still broad, r (here an amount of 500 to 899) is allowed.
const agent = 'principal.hasTag("username") && principal.getTag("username") == "refund-agent"';
const P = policy(permit(REFUND_GW, REFUND, `${agent} && context.input.amount < 1000`), true, 'Refunds');
const F = policy(forbid(REFUND_GW, REFUND, 'context.input.amount >= 500'), true, 'Cap');
const P2 = policy(permit(REFUND_GW, REFUND, `${agent} && context.input.amount < 500`), true, 'Refunds');
const F2 = policy(forbid(REFUND_GW, REFUND, 'context.input.amount >= 900'), true, 'Cap');
const shadow = policy(F.statement, true, 'Cap__prev_0123abcd');
const [before, after] = [[P, F], [P2, F2]];

describe('checkIntermediateStates', () => {
  it('finds the request a forbid updated before its permit lets through, confirmed by Cedar', () => {
    const result = checkIntermediateStates([refundGateway], before, after, [[P, F2]]);
    expect(result.checked).toBe(1);
    expect(result.unknown).toEqual([]);
    expect(result.violations).toEqual([
      { state: 0, gateway: REFUND_GW, action: REFUND, request: { principal: { type: 'OAuthUser', id: 'user', tags: { username: 'refund-agent' } }, input: { orderId: 'x', amount: 500 } } },
    ]);
    const request = result.violations[0]!.request;
    expect([before, after, [P, F2]].map((set) => cedarDecides(refundGateway, REFUND, set, request))).toEqual(['deny', 'deny', 'allow']);
  });

  it('finds none when the shadow copy of the old forbid holds on through every phase', () => {
    const states = [[P, F, shadow], [P, F2, shadow], [P2, F2, shadow], [P2, F2]];
    expect(checkIntermediateStates([refundGateway], before, after, states)).toEqual({ checked: 4, violations: [], unknown: [] });
  });

  it('ignores LOG_ONLY policies in a state', () => {
    const loud = policy(permit(REFUND_GW, REFUND), false, 'Everything');
    expect(checkIntermediateStates([refundGateway], before, after, [[P, F, loud]]).violations).toEqual([]);
  });
});
