// Emulator-only: the one edge check against cross-site requests, through HTTP, on both planes. A web page can make
// the browser send a request to 127.0.0.1 (a form post, a fetch in no-cors mode, or a DNS name rebound to
// loopback); each of those carries a non-loopback Host, an Origin or Sec-Fetch-Site, or a non-JSON body, and is
// refused before anything is read or evaluated. The real SDK client and MCP client send none of these (every
// other emulator and gateway test uses them).
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { GATEWAY_ID, localGateway, PROCESS_REFUND, REFUND_UNDER_500, type LocalGateway } from '../gateway/fixture.js';
import { emulatorOnly, uniqueName } from './helpers.js';

let gw: LocalGateway;
let token: string;
beforeAll(async () => {
  gw = await localGateway({ policies: [{ name: 'RefundUnder500', statement: REFUND_UNDER_500 }] });
  token = await gw.token({ sub: 'user-1', claims: { username: 'refund-agent' } });
});
afterAll(() => gw.close());

interface Raw {
  status: number;
  errorType?: string;
  body: string;
}

/** A request with exactly these headers (Host included), as a browser or a hand-made client could send it. */
function raw(path: string, method: string, headers: Record<string, string>, body?: string): Promise<Raw> {
  const { hostname, port } = new URL(gw.emulator.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method, headers, setHost: false }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += String(chunk)));
      res.on('end', () => resolve({ status: res.statusCode!, errorType: res.headers['x-amzn-errortype'] as string | undefined, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const port = () => new URL(gw.emulator.url).port;
const CREATE_ENGINE = { path: '/policy-engines', method: 'POST', body: () => JSON.stringify({ name: uniqueName('FromAWebPage') }) };
const CALL = {
  path: `/gateways/${GATEWAY_ID}/mcp`,
  method: 'POST',
  body: () => JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: PROCESS_REFUND, arguments: { orderId: 'o-1', amount: 10 } } }),
};
const PLANES = [
  ['control plane', CREATE_ENGINE, 202],
  ['data plane', CALL, 200],
] as const;

describe.each(PLANES)('the %s', (_plane, target, served) => {
  const send = (headers: Record<string, string>) =>
    raw(target.path, target.method, { host: `127.0.0.1:${port()}`, 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, target.body());

  emulatorOnly('serves loopback Host names', async () => {
    for (const host of [`127.0.0.1:${port()}`, `localhost:${port()}`, `LOCALHOST:${port()}`, 'localhost', `[::1]:${port()}`]) {
      expect((await send({ host })).status, host).toBe(served);
    }
  });

  emulatorOnly('refuses a Host that is not loopback (a rebound DNS name), with 403', async () => {
    for (const host of ['evil.example', `evil.example:${port()}`, `127.0.0.1.nip.io:${port()}`, `127.0.0.2:${port()}`, '']) {
      const answer = await send({ host });
      expect(answer, host).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
      expect(JSON.parse(answer.body).message).toContain('loopback host');
    }
  });

  emulatorOnly('refuses any Origin, and Sec-Fetch-Site other than none, with 403', async () => {
    const browsers: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, { origin: gw.emulator.url }, { 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }];
    for (const headers of browsers) {
      expect(await send(headers), JSON.stringify(headers)).toMatchObject({ status: 403, errorType: 'AccessDeniedException' });
    }
    expect((await send({ 'sec-fetch-site': 'none' })).status).toBe(served);
  });

  emulatorOnly('refuses a body that is not JSON (the only kinds a page can send without a preflight), with 415', async () => {
    for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=b']) {
      expect(await send({ 'content-type': type }), type).toMatchObject({ status: 415, errorType: 'UnsupportedMediaTypeException' });
    }
    expect((await send({ 'content-type': 'application/json; charset=utf-8' })).status).toBe(served);
  });
});

describe('what a refused request leaves behind', () => {
  emulatorOnly('nothing: no engine created, no call decided', async () => {
    const before = gw.emulator.stats().requests;
    const records = gw.emulator.decisionRecords(GATEWAY_ID).length;
    for (const target of [CREATE_ENGINE, CALL]) {
      await raw(target.path, target.method, { host: `127.0.0.1:${port()}`, origin: 'https://evil.example', 'content-type': 'text/plain', authorization: `Bearer ${token}` }, target.body());
    }
    expect(gw.emulator.stats().requests).toBe(before);
    expect(gw.emulator.decisionRecords(GATEWAY_ID)).toHaveLength(records);
  });
});
