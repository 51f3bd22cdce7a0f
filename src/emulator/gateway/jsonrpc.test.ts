import { describe, expect, it } from 'vitest';
import { answerRpc, RpcError } from './jsonrpc.js';

const echo = async (request: { method: string; params?: unknown }) => {
  if (request.method === 'fail') throw new RpcError(-32002, 'denied');
  if (request.method === 'crash') throw new Error('boom');
  return { method: request.method };
};

describe('answerRpc', () => {
  it('answers one request with its result, keeping string and number ids', async () => {
    expect(await answerRpc('{"jsonrpc":"2.0","id":"a","method":"x"}', echo)).toEqual({ status: 200, body: { jsonrpc: '2.0', id: 'a', result: { method: 'x' } } });
    expect(await answerRpc('{"jsonrpc":"2.0","id":0,"method":"x"}', echo)).toMatchObject({ body: { id: 0 } });
  });

  it('turns thrown errors into error responses: RpcError codes kept, others -32603', async () => {
    expect(await answerRpc('{"jsonrpc":"2.0","id":1,"method":"fail"}', echo)).toEqual({ status: 200, body: { jsonrpc: '2.0', id: 1, error: { code: -32002, message: 'denied' } } });
    expect(await answerRpc('{"jsonrpc":"2.0","id":1,"method":"crash"}', echo)).toMatchObject({ body: { error: { code: -32603, message: 'boom' } } });
  });

  it('parse errors and invalid messages', async () => {
    expect(await answerRpc('{', echo)).toMatchObject({ status: 400, body: { id: null, error: { code: -32700 } } });
    expect(await answerRpc('{"jsonrpc":"2.0","id":null,"method":"x"}', echo)).toMatchObject({ status: 400, body: { id: null, error: { code: -32600 } } });
    expect(await answerRpc('{"jsonrpc":"2.0","id":5,"method":7}', echo)).toMatchObject({ status: 400, body: { id: 5, error: { code: -32600 } } });
    expect(await answerRpc('"text"', echo)).toMatchObject({ status: 400, body: { error: { code: -32600 } } });
  });

  it('gives notifications and client responses no answer', async () => {
    expect(await answerRpc('{"jsonrpc":"2.0","method":"notifications/initialized"}', echo)).toEqual({ status: 202 });
    expect(await answerRpc('{"jsonrpc":"2.0","id":1,"result":{}}', echo)).toEqual({ status: 202 });
    expect(await answerRpc('[{"jsonrpc":"2.0","method":"n"},{"jsonrpc":"2.0","id":2,"error":{"code":1,"message":"m"}}]', echo)).toEqual({ status: 202 });
  });

  it('answers batches in order, invalid members included', async () => {
    const answer = await answerRpc('[{"jsonrpc":"2.0","id":1,"method":"a"},{"jsonrpc":"2.0","method":"n"},1,{"jsonrpc":"2.0","id":2,"method":"fail"}]', echo);
    expect(answer.status).toBe(200);
    expect((answer.body as { id: unknown }[]).map((a) => a.id)).toEqual([1, null, 2]);
    expect(await answerRpc('[]', echo)).toMatchObject({ status: 400, body: { error: { code: -32600 } } });
  });
});
