import { describe, expect, it } from 'vitest';
import type { DecisionRecord } from '../emulator/index.js';
import { interpretAnswer } from './gateway-answers.js';

const NAMES = new Map([
  ['RefundUnder500-a1b2c3d4e5', 'RefundUnder500'],
  ['BlockSuspendedUser-f6g7h8j9k0', 'BlockSuspendedUser'],
  ['RefundCanary-m1n2p3q4r5', 'RefundCanary'],
]);

function record(policy: Partial<DecisionRecord['body']['policy']>): DecisionRecord {
  return {
    event_timestamp: 0,
    request_id: 'r-1',
    resource_arn: 'arn',
    body: {
      log: 'Policy evaluation completed',
      isError: false,
      requestBody: {},
      policy: {
        decision: 'ALLOW',
        policyEngineArn: 'engine',
        determiningPolicies: [],
        latencyMs: 0,
        principal: { entityType: 'AgentCore::OAuthUser', entityId: 'u' },
        reason: '',
        mode: 'ENFORCE',
        logOnlyMatchedPolicies: [],
        logOnlyDecisionFlippingPolicies: [],
        errors: [],
        ...policy,
      },
      local: { principalTags: {} },
    },
  };
}

const DENIED = 'Tool Execution Denied: Tool call not allowed due to policy enforcement';

describe('interpretAnswer', () => {
  it('reads a local call from its decision record: decision, determining and LOG_ONLY policies by name, errors', () => {
    const allowed = record({ determiningPolicies: ['RefundUnder500-a1b2c3d4e5'], logOnlyMatchedPolicies: ['RefundCanary-m1n2p3q4r5'], logOnlyDecisionFlippingPolicies: ['RefundCanary-m1n2p3q4r5'] });
    expect(interpretAnswer({ kind: 'result', requestId: 'r-1', isError: false }, allowed, NAMES, true)).toEqual({
      decision: 'allow',
      reasons: ['RefundUnder500'],
      logOnlyMatched: ['RefundCanary'],
      logOnly: { decision: 'deny', policies: ['RefundCanary'] },
      errors: [],
      requestId: 'r-1',
    });
    const denied = record({ decision: 'DENY', errors: [{ policy: 'BlockSuspendedUser-f6g7h8j9k0', message: 'tag missing' }] });
    expect(interpretAnswer({ kind: 'rpc-error', code: -32002, message: `${DENIED} [x]` }, denied, NAMES, true)).toMatchObject({ decision: 'deny', reasons: [], errors: [{ policy: 'BlockSuspendedUser', message: 'tag missing' }] });
  });

  it('takes the decision a LOG_ONLY gateway recorded, though it let the call through', () => {
    const outcome = interpretAnswer({ kind: 'result', isError: false }, record({ decision: 'DENY', mode: 'LOG_ONLY' }), NAMES, true);
    expect(outcome).toMatchObject({ decision: 'deny', reasons: [], note: 'the gateway is in LOG_ONLY mode: it let the call through' });
  });

  it('without a record, reads a denial from its message and leaves the policies of an allowed call unknown (AWS)', () => {
    expect(interpretAnswer({ kind: 'result', isError: false }, undefined, NAMES, false)).toMatchObject({ decision: 'allow', reasons: null });
    const byPolicies = `${DENIED} [Policy evaluation denied due to BlockSuspendedUser-f6g7h8j9k0, Other-zzzzzzzzzz]`;
    expect(interpretAnswer({ kind: 'rpc-error', code: -32002, message: byPolicies }, undefined, NAMES, false)).toMatchObject({ decision: 'deny', reasons: ['BlockSuspendedUser', 'Other-zzzzzzzzzz'] });
    const byDefault = `${DENIED} [No policy applies to the request (denied by default)]`;
    expect(interpretAnswer({ kind: 'rpc-error', code: -32002, message: byDefault }, undefined, NAMES, false)).toMatchObject({ decision: 'deny', reasons: [] });
    expect(interpretAnswer({ kind: 'rpc-error', code: -32002, message: 'Tool Execution Denied' }, undefined, NAMES, false)).toMatchObject({ decision: 'deny', reasons: null });
  });

  it('allows with no policy at a local gateway that recorded nothing (no engine attached)', () => {
    expect(interpretAnswer({ kind: 'result', isError: false }, undefined, NAMES, true)).toMatchObject({ decision: 'allow', reasons: [] });
  });

  it('counts a tool the gateway does not have as denied, saying so, and any other error or refusal as no decision', () => {
    expect(interpretAnswer({ kind: 'rpc-error', code: -32602, message: 'Unknown tool: RefundTarget___process_refund' }, undefined, NAMES, true)).toEqual({
      decision: 'deny',
      reasons: [],
      logOnlyMatched: [],
      errors: [],
      note: 'the gateway has no such tool (JSON-RPC -32602 Unknown tool: RefundTarget___process_refund), so no policy was evaluated',
    });
    expect(interpretAnswer({ kind: 'rpc-error', code: -32602, message: 'Invalid arguments for tool T___a: /n must be integer', requestId: 'r-2' }, undefined, NAMES, true)).toEqual({
      error: 'the gateway answered JSON-RPC error -32602: Invalid arguments for tool T___a: /n must be integer',
      requestId: 'r-2',
    });
    expect(interpretAnswer({ kind: 'refused', message: 'HTTP 401: Unauthorized: the token has expired' }, undefined, NAMES, true)).toEqual({
      error: 'the gateway refused the call: HTTP 401: Unauthorized: the token has expired',
    });
  });
});
