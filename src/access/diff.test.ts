import { describe, expect, it } from 'vitest';
import { diffAccess } from './index.js';
import { permit, policy, refundGateway, REFUND, REFUND_GW, witnessesHold } from './test-fixture.js';
import type { AccessGateway, AccessPolicy } from './types.js';

function one(gw: AccessGateway, action: string, before: AccessPolicy[], after: AccessPolicy[]) {
  const result = diffAccess([gw], before, after).find((r) => r.action === action)!;
  expect(witnessesHold(gw, result, before, after)).toBe(true);
  return result;
}

const refund = (condition: string) => policy(permit(REFUND_GW, REFUND, condition));

describe('diffAccess', () => {
  it('sees a raised refund limit widen access, with the boundary as witness', () => {
    const before = [refund('principal.hasTag("username") && principal.getTag("username") == "refund-agent" && context.input.amount < 500')];
    const after = [refund('principal.hasTag("username") && principal.getTag("username") == "refund-agent" && context.input.amount < 600')];
    const result = one(refundGateway, REFUND, before, after);
    console.log(JSON.stringify(result));
    expect(result.verdict).toBe('widens');
  });
});
