import { describe, expect, it } from 'vitest';
import { readRecord } from './record.js';

const GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
const call = { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'RefundTarget___process_refund', arguments: { orderId: 'o-1', amount: 450 } } };

function record(overrides: { body?: object; policy?: object; [key: string]: unknown } = {}) {
  const { body, policy, ...top } = overrides;
  return {
    event_timestamp: 1767225600000,
    request_id: 'r-1',
    resource_arn: GATEWAY,
    body: {
      log: 'Policy evaluation completed',
      requestBody: call,
      policy: { decision: 'ALLOW', determiningPolicies: ['p-1'], principal: { entityType: 'AgentCore::OAuthUser', entityId: 'user-1' }, ...policy },
      local: { principalTags: { username: 'refund-agent', admin: true } },
      ...body,
    },
    ...top,
  };
}

describe('readRecord', () => {
  it('reads a local gateway record, its string claims as the tags', () => {
    expect(readRecord(record())).toEqual({
      kind: 'request',
      request: {
        at: 1767225600000,
        requestId: 'r-1',
        gateway: GATEWAY,
        action: 'RefundTarget___process_refund',
        input: { orderId: 'o-1', amount: 450 },
        principal: { type: 'OAuthUser', id: 'user-1', tags: { username: 'refund-agent' } },
        decision: 'allow',
        determining: ['p-1'],
      },
    });
  });

  it('reads an AWS record: request body as JSON text, an ISO timestamp, no claims (tags unknown)', () => {
    const aws = record({ event_timestamp: '2026-01-01T00:00:00Z', body: { requestBody: JSON.stringify(call), local: undefined }, policy: { decision: 'DENY', determiningPolicies: [] } });
    const read = readRecord(aws);
    expect(read.kind === 'request' && read.request).toMatchObject({ at: Date.parse('2026-01-01T00:00:00Z'), decision: 'deny', determining: [], principal: { type: 'OAuthUser', id: 'user-1' } });
    expect(read.kind === 'request' && 'tags' in read.request.principal).toBe(false);
  });

  it('knows an IamEntity has no tags, and takes the source time when the record has none', () => {
    const read = readRecord(record({ event_timestamp: undefined, policy: { principal: { entityType: 'AgentCore::IamEntity', entityId: 'arn:aws:iam::1:role/x' } }, body: { local: undefined } }), 42);
    expect(read.kind === 'request' && [read.request.at, read.request.principal]).toEqual([42, { type: 'IamEntity', id: 'arn:aws:iam::1:role/x', tags: {} }]);
  });

  it('calls a log line without a policy decision other, not unreadable', () => {
    expect(readRecord({ body: { log: 'Started processing request' } })).toEqual({ kind: 'other' });
    expect(readRecord('text')).toEqual({ kind: 'other' });
  });

  it.each([
    [record({ policy: { decision: 'MAYBE' } }), 'its decision is neither ALLOW nor DENY'],
    [record({ event_timestamp: 'soon' }), 'it has no readable event_timestamp'],
    [record({ resource_arn: 7 }), 'it names no gateway (resource_arn)'],
    [record({ body: { requestBody: '{' } }), 'its requestBody is not JSON'],
    [record({ body: { requestBody: { method: 'tools/list' } } }), 'its requestBody is not a tools/call request'],
    [record({ body: { requestBody: { method: 'tools/call', params: { name: 'T___t', arguments: [1] } } } }), 'its tools/call arguments are not an object'],
    [record({ policy: { principal: { entityType: 'AgentCore::Robot', entityId: 'r' } } }), 'its principal type AgentCore::Robot is not one AgentCore sends'],
    [record({ policy: { principal: null } }), 'it has no principal'],
  ])('says why a decision record cannot be read (%#)', (value, problem) => {
    expect(readRecord(value)).toEqual({ kind: 'unreadable', problem });
  });
});
