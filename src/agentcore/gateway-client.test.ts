import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localGateway, PROCESS_REFUND, REFUND_UNDER_500, GATEWAY_ID, type LocalGateway } from '../../test/gateway/fixture.js';
import { gatewayUrlProblem, openGatewaySession } from './gateway-client.js';

describe('gatewayUrlProblem', () => {
  it('lets a token go to an AgentCore gateway or one on this machine only', () => {
    for (const url of ['https://gw-1.gateway.bedrock-agentcore.us-west-2.amazonaws.com/mcp', 'http://127.0.0.1:4590/gateways/gw/mcp', 'http://localhost:1/mcp', 'http://[::1]:2/mcp']) {
      expect(gatewayUrlProblem(url), url).toBeUndefined();
    }
    const elsewhere = 'it is neither an AgentCore gateway (https://….amazonaws.com) nor on this machine';
    expect(gatewayUrlProblem('http://gw-1.gateway.bedrock-agentcore.us-west-2.amazonaws.com/mcp')).toBe(elsewhere);
    expect(gatewayUrlProblem('https://amazonaws.com.evil.example/mcp')).toBe(elsewhere);
    expect(gatewayUrlProblem('https://127.0.0.1.nip.io/mcp')).toBe(elsewhere);
    expect(gatewayUrlProblem('https://user:pw@gw.amazonaws.com/mcp')).toBe('it holds credentials');
    expect(gatewayUrlProblem('not a url')).toBe('it is not a URL');
  });
});

describe('openGatewaySession', () => {
  let gateway: LocalGateway;
  beforeAll(async () => {
    gateway = await localGateway({ policies: [{ name: 'RefundUnder500', statement: REFUND_UNDER_500 }] });
  });
  afterAll(() => gateway.close());

  it("answers each call with the gateway's decision and the request id of its decision record", async () => {
    const token = await gateway.token({ sub: 'user-123', claims: { username: 'refund-agent' } });
    const session = openGatewaySession(gateway.gatewayUrl, `Bearer ${token}`);
    const [allowed, denied] = await Promise.all([
      session.call(PROCESS_REFUND, { orderId: '1', amount: 450 }),
      session.call(PROCESS_REFUND, { orderId: '2', amount: 750 }),
    ]);
    await session.close();
    expect(allowed).toMatchObject({ kind: 'result', isError: false });
    expect(denied).toEqual({
      kind: 'rpc-error',
      code: -32002,
      requestId: denied.requestId,
      message: 'Tool Execution Denied: Tool call not allowed due to policy enforcement [No policy applies to the request (denied by default)]',
    });
    const records = gateway.emulator.decisionRecords(GATEWAY_ID);
    expect(records.map((r) => [r.request_id, r.body.policy.decision])).toEqual([
      [allowed.requestId, 'ALLOW'],
      [denied.requestId, 'DENY'],
    ]);
  });

  it('says why a gateway refused the caller or the call, never quoting the token', async () => {
    const session = openGatewaySession(gateway.gatewayUrl, 'Bearer not.a.token');
    const refused = await session.call(PROCESS_REFUND, { orderId: '1', amount: 450 });
    expect(refused).toEqual({ kind: 'refused', requestId: refused.requestId, message: 'HTTP 401: Unauthorized: the token is malformed' });
    const token = await gateway.token({ sub: 'user-123', claims: { username: 'refund-agent' } });
    const missing = openGatewaySession(gateway.gatewayUrl.replace(GATEWAY_ID, 'missing-gateway-0000000000'), `Bearer ${token}`);
    const notFound = await missing.call(PROCESS_REFUND, {});
    expect(notFound).toMatchObject({ kind: 'refused', message: 'HTTP 404: Gateway missing-gateway-0000000000 was not found.' });
    expect(JSON.stringify(notFound)).not.toContain(token);
    const nowhere = openGatewaySession('http://127.0.0.1:9/mcp', `Bearer ${token}`);
    const unreachable = await nowhere.call(PROCESS_REFUND, {});
    expect(unreachable.kind).toBe('refused');
    expect(JSON.stringify(unreachable)).not.toContain(token);
    await Promise.all([session, missing, nowhere].map((s) => s.close()));
  });
});
