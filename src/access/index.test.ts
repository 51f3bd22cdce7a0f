import { describe, expect, it } from 'vitest';
import { coveredActions, sameStatement } from './index.js';
import { forbid, iamGateway, IAM_GW, permit, PAYMENT_GW, REFUND, REFUND_GW, refundGateway, RUN_JOB, seedGateways, TRANSFER } from '../../test/builders/access.js';

describe('coveredActions', () => {
  it('names the tools a scope can match, whatever its conditions', () => {
    const gateways = [...seedGateways, iamGateway];
    expect(coveredActions(gateways, permit(REFUND_GW, REFUND, 'false'))).toEqual([{ gateway: REFUND_GW, action: REFUND }]);
    expect(coveredActions(gateways, forbid(PAYMENT_GW, TRANSFER))).toEqual([{ gateway: PAYMENT_GW, action: TRANSFER }]);
    expect(coveredActions(gateways, 'forbid (principal is AgentCore::IamEntity, action, resource);')).toEqual([{ gateway: IAM_GW, action: RUN_JOB }]);
    expect(coveredActions(gateways, 'forbid (principal, action, resource);')).toHaveLength(6);
    expect(coveredActions([refundGateway], 'permit (principal, action, resource) when { x };')).toBeUndefined();
  });
});

describe('sameStatement', () => {
  it('sees through comments and layout, not through a changed value or annotation', () => {
    const text = permit(REFUND_GW, REFUND, 'context.input.amount < 500');
    expect(sameStatement(text, `// limit\n${text.replace(/\n\s*/g, ' ')}`)).toBe(true);
    expect(sameStatement(text, text.replace('500', '499'))).toBe(false);
    expect(sameStatement(text, `@id("x")\n${text}`)).toBe(false);
  });
});
