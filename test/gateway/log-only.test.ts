// The two LOG_ONLY switches through the local gateway: a gateway attached in LOG_ONLY mode runs every call and
// records what the decision would have been; a LOG_ONLY policy is evaluated beside the ACTIVE ones, decides nothing,
// and is recorded as matched, and as flipping the decision when it would have.
import { afterEach, describe, expect, it } from 'vitest';
import { GATEWAY_ID, localGateway, PROCESS_REFUND, REFUND_UNDER_500, rpcError, type LocalGateway } from './fixture.js';

let gw: LocalGateway | undefined;
afterEach(async () => {
  await gw?.close();
  gw = undefined;
});

const CAP_300 = `forbid (principal, action == AgentCore::Action::"${PROCESS_REFUND}", resource) when { context.input.amount > 300 };`;
const UP_TO_1000 = `permit (principal, action == AgentCore::Action::"${PROCESS_REFUND}", resource) when { context.input.amount <= 1000 };`;

describe('a gateway attached in LOG_ONLY mode', () => {
  it('runs a call its policies deny, and records the denial it did not enforce', async () => {
    gw = await localGateway({ mode: 'LOG_ONLY', policies: [{ name: 'RefundUnder500', statement: REFUND_UNDER_500 }] });
    const client = await gw.as('user-1', { username: 'refund-agent' });
    const result = await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-1', amount: 750 } });
    expect(result.isError).toBe(false);
    const [record] = gw.emulator.decisionRecords(GATEWAY_ID);
    expect(record!.body).toMatchObject({
      log: 'Policy evaluation completed',
      isError: false,
      policy: { decision: 'DENY', mode: 'LOG_ONLY', determiningPolicies: [], reason: 'No policy applies to the request (denied by default)' },
    });
  });

  it('lists every tool, since nothing is enforced', async () => {
    gw = await localGateway({ mode: 'LOG_ONLY', policies: [] });
    const { tools } = await (await gw.as('nobody')).listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(['RefundTarget___lookup_order', PROCESS_REFUND]);
  });
});

describe('a LOG_ONLY policy', () => {
  it('decides nothing: a forbid in LOG_ONLY lets an allowed call through, recorded as matched and flipping', async () => {
    gw = await localGateway({
      policies: [
        { name: 'RefundUnder500', statement: REFUND_UNDER_500 },
        { name: 'CapAt300', statement: CAP_300, enforcementMode: 'LOG_ONLY' },
      ],
    });
    const client = await gw.as('user-1', { username: 'refund-agent' });
    await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-1', amount: 400 } });
    await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-2', amount: 200 } });
    const [over, under] = gw.emulator.decisionRecords(GATEWAY_ID);
    expect(over!.body.policy).toMatchObject({
      decision: 'ALLOW',
      determiningPolicies: [gw.policyIds.RefundUnder500],
      logOnlyMatchedPolicies: [gw.policyIds.CapAt300],
      logOnlyDecisionFlippingPolicies: [gw.policyIds.CapAt300],
    });
    expect(under!.body.policy).toMatchObject({ decision: 'ALLOW', logOnlyMatchedPolicies: [], logOnlyDecisionFlippingPolicies: [] });
  });

  it('decides nothing: a permit in LOG_ONLY does not allow a call denied by default, and is recorded as flipping it', async () => {
    gw = await localGateway({
      policies: [
        { name: 'RefundUnder500', statement: REFUND_UNDER_500 },
        { name: 'UpTo1000', statement: UP_TO_1000, enforcementMode: 'LOG_ONLY' },
      ],
    });
    const client = await gw.as('user-1', { username: 'refund-agent' });
    expect((await rpcError(client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-1', amount: 750 } }))).code).toBe(-32002);
    await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-2', amount: 100 } });
    const [denied, allowed] = gw.emulator.decisionRecords(GATEWAY_ID);
    expect(denied!.body.policy).toMatchObject({ decision: 'DENY', logOnlyMatchedPolicies: [gw.policyIds.UpTo1000], logOnlyDecisionFlippingPolicies: [gw.policyIds.UpTo1000] });
    // Matched, but the call was allowed anyway: no flip.
    expect(allowed!.body.policy).toMatchObject({ decision: 'ALLOW', logOnlyMatchedPolicies: [gw.policyIds.UpTo1000], logOnlyDecisionFlippingPolicies: [] });
  });

  it('does not make tools/list show a tool only it would permit', async () => {
    gw = await localGateway({ policies: [{ name: 'UpTo1000', statement: UP_TO_1000, enforcementMode: 'LOG_ONLY' }] });
    expect((await (await gw.as('user-1')).listTools()).tools).toEqual([]);
  });
});

describe('a gateway with no engine attached', () => {
  it('runs every call and records no decision', async () => {
    gw = await localGateway({ mode: 'none' });
    const client = await gw.as('anyone');
    expect((await client.listTools()).tools).toHaveLength(2);
    expect((await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-1', amount: 100_000 } })).isError).toBe(false);
    expect(gw.emulator.decisionRecords(GATEWAY_ID)).toEqual([]);
  });
});
