import { describe, expect, it } from 'vitest';
import { parseGatewayArn } from '../arn.js';
import { engineArn, gatewayArn, newGatewayId, newResourceId, newTargetId, policyArn, stableTargetId } from './ids.js';

const scope = { region: 'us-west-2', accountId: '123456789012' };

describe('ids', () => {
  it('makes ids in the service patterns', () => {
    expect(newResourceId('Refund_Engine')).toMatch(/^Refund_Engine-[a-z0-9]{10}$/);
    expect(newGatewayId('Refund-GW')).toMatch(/^refund-gw-[a-z0-9]{10}$/);
    expect(newTargetId()).toMatch(/^[A-Z0-9]{10}$/);
  });
  it('draws every suffix character from the picker', () => {
    expect(newResourceId('e', () => 0)).toBe('e-aaaaaaaaaa');
  });
  it('builds ARNs as the service formats them', () => {
    expect(engineArn(scope, 'e-abcdefghij')).toBe('arn:aws:bedrock-agentcore:us-west-2:123456789012:policy-engine/e-abcdefghij');
    expect(policyArn(scope, 'e-abcdefghij', 'p-0123456789')).toBe(
      'arn:aws:bedrock-agentcore:us-west-2:123456789012:policy-engine/e-abcdefghij/policy/p-0123456789',
    );
  });
  it('reads region, account and id back from a gateway ARN', () => {
    const arn = gatewayArn(scope, 'refund-gateway-a1b2c3d4e5');
    expect(parseGatewayArn(arn)).toEqual({ ...scope, gatewayId: 'refund-gateway-a1b2c3d4e5' });
    expect(parseGatewayArn('arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway')).toBeUndefined();
    expect(parseGatewayArn('arn:aws:lambda:us-west-2:123456789012:function:x')).toBeUndefined();
  });
  it('derives the same target id for the same gateway and name only', () => {
    expect(stableTargetId('gw-a1b2c3d4e5', 'Refund')).toBe(stableTargetId('gw-a1b2c3d4e5', 'Refund'));
    expect(stableTargetId('gw-a1b2c3d4e5', 'Refund')).not.toBe(stableTargetId('gw-a1b2c3d4e5', 'Orders'));
    expect(stableTargetId('gw-a1b2c3d4e5', 'Refund')).toMatch(/^[A-Z0-9]{10}$/);
  });
});
