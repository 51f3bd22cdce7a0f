// The local gateway's wire, below the MCP client: JSON-RPC framing as MCP has it (parse errors, invalid messages,
// unknown methods, batches, notifications), the Streamable HTTP verbs, protocol versions and the body limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localGateway, post, PROCESS_REFUND, REFUND_UNDER_500, type LocalGateway } from './fixture.js';

let gw: LocalGateway;
let auth: Record<string, string>;
beforeAll(async () => {
  gw = await localGateway({ policies: [{ name: 'RefundUnder500', statement: REFUND_UNDER_500 }] });
  auth = { authorization: `Bearer ${await gw.token({ sub: 'user-1', claims: { username: 'refund-agent' } })}` };
});
afterAll(() => gw.close());

const rpc = (id: unknown, method: string, params?: unknown) => ({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) });
const refund = (id: number, amount: number) => rpc(id, 'tools/call', { name: PROCESS_REFUND, arguments: { orderId: `o-${id}`, amount } });

describe('JSON-RPC framing', () => {
  it('answers a body that is not JSON with -32700', async () => {
    for (const body of ['{"jsonrpc":', 'tools/list', '']) {
      const response = await post(gw.gatewayUrl, body, auth);
      expect(response.status, body).toBe(400);
      expect(response.json).toMatchObject({ jsonrpc: '2.0', id: null, error: { code: -32700 } });
    }
  });

  it('answers a message that is not JSON-RPC 2.0 with -32600', async () => {
    for (const message of [{ id: 1, method: 'ping' }, { jsonrpc: '1.0', id: 1, method: 'ping' }, { jsonrpc: '2.0', id: 1 }, 42, null]) {
      const response = await post(gw.gatewayUrl, JSON.stringify(message), auth);
      expect(response.status, JSON.stringify(message)).toBe(400);
      expect(response.json).toMatchObject({ error: { code: -32600 } });
    }
  });

  it('answers an unknown method with -32601, keeping the id', async () => {
    const response = await post(gw.gatewayUrl, JSON.stringify(rpc('abc', 'resources/list')), auth);
    expect(response).toMatchObject({ status: 200, json: { jsonrpc: '2.0', id: 'abc', error: { code: -32601, message: 'Method not found: resources/list' } } });
  });

  it('answers tools/call without a tool name with -32602', async () => {
    const response = await post(gw.gatewayUrl, JSON.stringify(rpc(1, 'tools/call', { arguments: {} })), auth);
    expect(response.json).toMatchObject({ id: 1, error: { code: -32602 } });
  });

  it('answers ping, and initialize with a protocol version it supports', async () => {
    const answers = await post(gw.gatewayUrl, JSON.stringify([rpc(1, 'ping'), rpc(2, 'initialize', { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'c', version: '1' } })]), auth);
    expect(answers.json).toEqual([
      { jsonrpc: '2.0', id: 1, result: {} },
      { jsonrpc: '2.0', id: 2, result: { protocolVersion: '2025-06-18', capabilities: { tools: { listChanged: false } }, serverInfo: { name: 'refund-gateway', version: '1.0.0' } } },
    ]);
    const unknown = await post(gw.gatewayUrl, JSON.stringify(rpc(3, 'initialize', { protocolVersion: '1999-01-01', capabilities: {}, clientInfo: { name: 'c', version: '1' } })), auth);
    expect((unknown.json as { result: { protocolVersion: string } }).result.protocolVersion).toMatch(/^\d{4}-\d\d-\d\d$/);
    expect((unknown.json as { result: { protocolVersion: string } }).result.protocolVersion).not.toBe('1999-01-01');
  });

  it('answers a batch in order, one response per request, notifications left out', async () => {
    const batch = [refund(1, 450), { jsonrpc: '2.0', method: 'notifications/initialized' }, refund(2, 750), { nonsense: true }];
    const response = await post(gw.gatewayUrl, JSON.stringify(batch), auth);
    expect(response.status).toBe(200);
    const answers = response.json as { id: unknown; result?: unknown; error?: { code: number } }[];
    expect(answers.map((a) => [a.id, a.error?.code ?? 'ok'])).toEqual([
      [1, 'ok'],
      [2, -32002],
      [null, -32600],
    ]);
  });

  it('answers notifications alone with 202 and no body, and an empty batch with -32600', async () => {
    const note = { jsonrpc: '2.0', method: 'notifications/initialized' };
    for (const body of [note, [note, { jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId: 1 } }]]) {
      const response = await post(gw.gatewayUrl, JSON.stringify(body), auth);
      expect(response.status).toBe(202);
      expect(response.json).toBeUndefined();
    }
    expect((await post(gw.gatewayUrl, '[]', auth)).json).toMatchObject({ error: { code: -32600 } });
  });
});

describe('Streamable HTTP', () => {
  it('answers GET and DELETE with 405, as a server without a server-sent stream', async () => {
    for (const method of ['GET', 'DELETE']) {
      const response = await fetch(gw.gatewayUrl, { method, headers: { accept: 'text/event-stream', ...auth } });
      expect(response.status, method).toBe(405);
      expect(response.headers.get('allow')).toBe('POST');
    }
  });

  it('refuses a protocol version it does not support, and a client that cannot take JSON', async () => {
    expect((await post(gw.gatewayUrl, JSON.stringify(rpc(1, 'ping')), { ...auth, 'mcp-protocol-version': '1999-01-01' })).status).toBe(400);
    expect((await post(gw.gatewayUrl, JSON.stringify(rpc(1, 'ping')), { ...auth, 'mcp-protocol-version': '2025-06-18' })).status).toBe(200);
    expect((await post(gw.gatewayUrl, JSON.stringify(rpc(1, 'ping')), { ...auth, accept: 'text/event-stream' })).status).toBe(406);
  });

  it('refuses a body over 1 MiB with 413, and takes one just under', async () => {
    const call = (size: number) => JSON.stringify(rpc(1, 'tools/call', { name: PROCESS_REFUND, arguments: { orderId: 'o', amount: 1, reason: 'x'.repeat(size) } }));
    const overhead = call(0).length;
    expect((await post(gw.gatewayUrl, call(1024 * 1024 - overhead + 1), auth)).status).toBe(413);
    expect((await post(gw.gatewayUrl, call(1024 * 1024 - overhead), auth)).status).toBe(200);
  });

  it('answers a gateway it does not hold with 404', async () => {
    const response = await post(gw.gatewayUrl.replace('refund-gateway-a1b2c3d4e5', 'other-gateway-0123456789'), JSON.stringify(rpc(1, 'ping')), auth);
    expect(response.status).toBe(404);
  });

  it('answers curl-style, with no Accept header', async () => {
    const response = await fetch(gw.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(refund(7, 450)) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json');
  });
});
