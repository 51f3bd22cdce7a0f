// One engine attached to two gateways, called by principals its per-user policies tell apart: each call is decided
// by the engine's own policies for that caller, whichever gateway took the calls before it, and a change to the
// engine reaches every gateway at once.
import { CreatePolicyCommand, DeletePolicyCommand, waitUntilPolicyActive, waitUntilPolicyDeleted } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachGateway } from '../../src/agentcore/index.js';
import { WAIT } from '../emulator/helpers.js';
import { GATEWAY_ARN, localGateway, post, PROCESS_REFUND, REFUND_TARGET, type LocalGateway } from './fixture.js';

const OTHER_ARN = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/other-gateway-f6g7h8j9k0';
const forUser = (user: string) =>
  `permit (principal, action == AgentCore::Action::"${PROCESS_REFUND}", resource) when { principal.hasTag("user") && principal.getTag("user") == "${user}" };`;

let gw: LocalGateway;
beforeAll(async () => {
  gw = await localGateway({ policies: [{ name: 'Alice', statement: forUser('alice') }, { name: 'Bob', statement: forUser('bob') }] });
  gw.emulator.seedGateways([{ arn: OTHER_ARN, mode: 'ENFORCE', authorizerType: 'CUSTOM_JWT', targets: [REFUND_TARGET] }]);
  await attachGateway(gw.control, OTHER_ARN, gw.engineArn!, 'ENFORCE');
});
afterAll(() => gw.close());

async function decision(gatewayArn: string, user: string): Promise<string> {
  const url = `${gw.emulator.url}/gateways/${gatewayArn.split('/').pop()}/mcp`;
  const token = await gw.token({ sub: user, claims: { user } });
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: PROCESS_REFUND, arguments: { orderId: 'o', amount: 1 } } });
  const answer = (await post(url, body, { authorization: `Bearer ${token}` })).json as { result?: unknown; error?: { code: number; message: string } };
  return answer.result ? 'allow' : answer.error!.code === -32002 ? 'deny' : answer.error!.message;
}

describe('an engine shared by two gateways', () => {
  it('decides each caller by its own policies, whatever the other gateway decided in between', async () => {
    const calls: [string, string, string][] = [
      [GATEWAY_ARN, 'alice', 'allow'],
      [OTHER_ARN, 'bob', 'allow'],
      [GATEWAY_ARN, 'alice', 'allow'],
      [OTHER_ARN, 'carol', 'deny'],
      [GATEWAY_ARN, 'bob', 'allow'],
      [OTHER_ARN, 'alice', 'allow'],
      [GATEWAY_ARN, 'carol', 'deny'],
    ];
    const got = [];
    for (const [arn, user] of calls) got.push([arn, user, await decision(arn, user)]);
    expect(got).toEqual(calls);
  });

  it('applies a change to the engine on every gateway from the next call', async () => {
    expect(await decision(OTHER_ARN, 'carol')).toBe('deny');
    const engineId = gw.engineArn!.split('/').pop()!;
    const created = await gw.control.send(new CreatePolicyCommand({ policyEngineId: engineId, name: 'Carol', definition: { cedar: { statement: forUser('carol') } } }));
    await waitUntilPolicyActive({ client: gw.control, ...WAIT }, { policyEngineId: engineId, policyId: created.policyId });
    expect([await decision(GATEWAY_ARN, 'carol'), await decision(OTHER_ARN, 'carol')]).toEqual(['allow', 'allow']);
    await gw.control.send(new DeletePolicyCommand({ policyEngineId: engineId, policyId: gw.policyIds.Alice }));
    await waitUntilPolicyDeleted({ client: gw.control, ...WAIT }, { policyEngineId: engineId, policyId: gw.policyIds.Alice });
    expect([await decision(GATEWAY_ARN, 'alice'), await decision(OTHER_ARN, 'alice')]).toEqual(['deny', 'deny']);
  });
});
