// The seed document's Step 4 through the local gateway with a stock MCP client: a refund of 450 allowed and one of
// 750 denied by the engine's live policies, the denial naming what decided it, tools/list filtered per principal,
// arguments checked against the tool's schema, and every decision recorded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GATEWAY_ARN, localGateway, LOOKUP_ORDER, post, PROCESS_REFUND, REFUND_UNDER_500, rpcError, SUPPORT_LOOKUP, type LocalGateway } from './fixture.js';

const FREEZE = `forbid (principal, action == AgentCore::Action::"${PROCESS_REFUND}", resource) when { context.input.orderId like "frozen-*" };`;

let gw: LocalGateway;
beforeAll(async () => {
  gw = await localGateway({
    policies: [
      { name: 'RefundUnder500', statement: REFUND_UNDER_500 },
      { name: 'SupportLookup', statement: SUPPORT_LOOKUP },
      { name: 'FrozenOrders', statement: FREEZE },
    ],
  });
});
afterAll(() => gw.close());

describe('tools/call through the local gateway', () => {
  it('allows a refund of 450 to refund-agent and runs the tool', async () => {
    const client = await gw.as('user-123', { username: 'refund-agent' });
    const result = await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-1', amount: 450 } });
    expect(result.isError).toBe(false);
    const [content] = result.content as { type: string; text: string }[];
    expect(JSON.parse(content!.text)).toEqual({ tool: PROCESS_REFUND, input: { orderId: 'o-1', amount: 450 } });
  });

  it('denies a refund of 750 by default, with -32002 and the service wording', async () => {
    const client = await gw.as('user-123', { username: 'refund-agent' });
    const error = await rpcError(client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-2', amount: 750 } }));
    expect(error.code).toBe(-32002);
    expect(error.message).toContain('Tool Execution Denied: Tool call not allowed due to policy enforcement [No policy applies to the request (denied by default)]');
  });

  it('names the forbid that denied a call otherwise permitted', async () => {
    const client = await gw.as('user-123', { username: 'refund-agent' });
    const error = await rpcError(client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'frozen-9', amount: 10 } }));
    expect(error.code).toBe(-32002);
    expect(error.message).toContain(`[Policy evaluation denied due to ${gw.policyIds.FrozenOrders}]`);
  });

  it('denies a principal whose tags the permit does not accept, whatever the amount', async () => {
    const client = await gw.as('user-456', { username: 'someone-else' });
    expect((await rpcError(client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'o-3', amount: 5 } }))).code).toBe(-32002);
  });

  it('refuses arguments that do not fit the input schema with -32602, deciding nothing', async () => {
    const client = await gw.as('schema-checker', { username: 'refund-agent' });
    const before = gw.emulator.decisionRecords('refund-gateway-a1b2c3d4e5').length;
    for (const args of [{ orderId: 'o-4' }, { orderId: 'o-4', amount: 'lots' }, { orderId: 7, amount: 1 }, { orderId: 'o-4', amount: 1.5 }]) {
      const error = await rpcError(client.callTool({ name: PROCESS_REFUND, arguments: args }));
      expect(error.code, JSON.stringify(args)).toBe(-32602);
      expect(error.message).toContain(`Invalid arguments for tool ${PROCESS_REFUND}`);
    }
    expect(gw.emulator.decisionRecords('refund-gateway-a1b2c3d4e5')).toHaveLength(before);
  });

  it('refuses an unknown tool with -32602', async () => {
    const client = await gw.as('user-123', { username: 'refund-agent' });
    const error = await rpcError(client.callTool({ name: 'RefundTarget___delete_everything', arguments: {} }));
    expect(error).toMatchObject({ code: -32602, message: expect.stringContaining('Unknown tool: RefundTarget___delete_everything') });
  });
});

describe('tools/list through the local gateway', () => {
  it('lists only the tools each principal could be allowed to call', async () => {
    const names = async (claims: Record<string, unknown>) =>
      (await (await gw.as('lister', claims)).listTools()).tools.map((t) => t.name).sort();
    expect(await names({ username: 'refund-agent' })).toEqual([PROCESS_REFUND]);
    expect(await names({ role: 'support' })).toEqual([LOOKUP_ORDER]);
    expect(await names({ username: 'refund-agent', role: 'support' })).toEqual([LOOKUP_ORDER, PROCESS_REFUND]);
    expect(await names({ username: 'nobody' })).toEqual([]);
  });

  it('gives each tool its description and input schema', async () => {
    const { tools } = await (await gw.as('lister', { username: 'refund-agent' })).listTools();
    expect(tools[0]).toMatchObject({ name: PROCESS_REFUND, description: 'Process customer refund', inputSchema: { type: 'object', required: ['orderId', 'amount'] } });
  });
});

describe('decision records', () => {
  it('records each decision in the shape of the gateway application log, with the principal tags locally', async () => {
    const client = await gw.as('recorded-user', { username: 'refund-agent', tier: 'gold', level: 3 });
    await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'r-1', amount: 100 } });
    await rpcError(client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 'frozen-1', amount: 100 } }));
    const records = gw.emulator.decisionRecords('refund-gateway-a1b2c3d4e5').filter((r) => r.body.policy.principal.entityId === 'recorded-user');
    expect(records).toHaveLength(2);
    const [allowed, denied] = records;
    expect(allowed).toMatchObject({
      resource_arn: GATEWAY_ARN,
      request_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      event_timestamp: expect.any(Number),
      body: {
        log: 'Policy evaluation completed',
        isError: false,
        requestBody: { jsonrpc: '2.0', method: 'tools/call', params: { name: PROCESS_REFUND, arguments: { orderId: 'r-1', amount: 100 } } },
        policy: {
          decision: 'ALLOW',
          policyEngineArn: gw.engineArn,
          determiningPolicies: [gw.policyIds.RefundUnder500],
          principal: { entityType: 'AgentCore::OAuthUser', entityId: 'recorded-user' },
          reason: `Policy evaluation allowed due to ${gw.policyIds.RefundUnder500}`,
          mode: 'ENFORCE',
          logOnlyMatchedPolicies: [],
          logOnlyDecisionFlippingPolicies: [],
        },
      },
    });
    expect(denied!.body).toMatchObject({ log: 'Policy evaluation denied request', isError: true, policy: { decision: 'DENY', determiningPolicies: [gw.policyIds.FrozenOrders] } });
    // String claims are the tags; the number claim and exp/iat are not.
    expect(allowed!.body.local.principalTags).toMatchObject({ username: 'refund-agent', tier: 'gold', sub: 'recorded-user' });
    expect(allowed!.body.local.principalTags).not.toHaveProperty('level');
    expect(allowed!.body.local.principalTags).not.toHaveProperty('exp');
  });

  it("carries the HTTP request's id, the answer's x-amzn-requestid", async () => {
    const token = await gw.token({ sub: 'traced', claims: { username: 'refund-agent' } });
    const body = JSON.stringify({ jsonrpc: '2.0', id: 9, method: 'tools/call', params: { name: PROCESS_REFUND, arguments: { orderId: 't-1', amount: 1 } } });
    const answer = await post(gw.gatewayUrl, body, { authorization: `Bearer ${token}` });
    const record = gw.emulator.decisionRecords('refund-gateway-a1b2c3d4e5').find((r) => r.body.policy.principal.entityId === 'traced');
    expect(record?.request_id).toBe(answer.headers.get('x-amzn-requestid'));
  });

  it('never holds the bearer token', async () => {
    const token = await gw.token({ sub: 'secretive', claims: { username: 'refund-agent' } });
    const client = await gw.connect({ authorization: `Bearer ${token}` });
    await client.callTool({ name: PROCESS_REFUND, arguments: { orderId: 's-1', amount: 1 } });
    const text = JSON.stringify(gw.emulator.decisionRecords('refund-gateway-a1b2c3d4e5'));
    expect(text).toContain('secretive');
    expect(text).not.toContain(token.split('.')[2]);
  });
});

describe('arguments a tool types `number`', () => {
  it('reach Cedar as decimals, whole numbers included', async () => {
    const shop = await localGateway({
      targets: [{ name: 'Shop', tools: [{ name: 'buy', inputSchema: { type: 'object', properties: { price: { type: 'number' } }, required: ['price'] } }] }],
      policies: [{ name: 'Cheap', statement: 'permit (principal, action, resource) when { context.input.price.lessThan(decimal("10.0")) };' }],
    });
    try {
      const client = await shop.as('buyer');
      for (const price of [9, 9.99]) expect((await client.callTool({ name: 'Shop___buy', arguments: { price } })).isError, String(price)).toBe(false);
      for (const price of [10, 12.5]) expect((await rpcError(client.callTool({ name: 'Shop___buy', arguments: { price } }))).code, String(price)).toBe(-32002);
    } finally {
      await shop.close();
    }
  });
});
