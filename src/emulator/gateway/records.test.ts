import { describe, expect, it } from 'vitest';
import { decisionRecord } from './records.js';

const record = (decision: 'ALLOW' | 'DENY', mode: 'ENFORCE' | 'LOG_ONLY' = 'ENFORCE') =>
  decisionRecord({
    requestId: 'req-1',
    gatewayArn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5',
    policyEngineArn: 'arn:aws:bedrock-agentcore:us-west-2:123456789012:policy-engine/E-0123456789',
    mode,
    principal: { type: 'IamEntity', id: 'arn:aws:iam::123456789012:role/r', tags: {} },
    requestBody: { jsonrpc: '2.0', id: 1, method: 'tools/call' },
    decision: { decision, determiningPolicies: ['P-0123456789'], reason: 'r', errors: [], logOnlyMatchedPolicies: [], logOnlyDecisionFlippingPolicies: [] },
    latencyMs: 0.1,
    now: 1_767_225_600_000,
  });

describe('decisionRecord', () => {
  it('words the log and isError by whether the call was stopped', () => {
    expect(record('DENY').body).toMatchObject({ log: 'Policy evaluation denied request', isError: true });
    expect(record('DENY', 'LOG_ONLY').body).toMatchObject({ log: 'Policy evaluation completed', isError: false });
    expect(record('ALLOW').body).toMatchObject({ log: 'Policy evaluation completed', isError: false });
  });

  it('names the principal as a Cedar entity and keeps the request as received', () => {
    const { body, event_timestamp, request_id } = record('ALLOW');
    expect(body.policy.principal).toEqual({ entityType: 'AgentCore::IamEntity', entityId: 'arn:aws:iam::123456789012:role/r' });
    expect(body.requestBody).toEqual({ jsonrpc: '2.0', id: 1, method: 'tools/call' });
    expect(event_timestamp).toBe(1_767_225_600_000);
    expect(request_id).toBe('req-1');
  });
});
