// Targets behind the local gateway: an engine file's `local: {url}` receives each allowed call's arguments as JSON
// and its JSON answer is the tool result; a denied call never reaches it; a target that fails, answers other than
// JSON, answers too late or cannot be reached gives a JSON-RPC error, never a hang. The URL is the local engine's
// alone: the control plane never shows it, and an engine file may only name a loopback one.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GetGatewayTargetCommand, ListGatewayTargetsCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TargetSpec } from '../../src/model.js';
import { parseEngineFile } from '../../src/repository/engine-file.js';
import { GATEWAY_ID, localGateway, rpcError, type LocalGateway } from './fixture.js';

interface Seen {
  path: string;
  body: string;
  contentType?: string;
  tool?: string;
}

const seen: Seen[] = [];
let service: Server;
let serviceUrl: string;
let closedUrl: string;
let gw: LocalGateway;

const target = (name: string, url: string): TargetSpec => ({
  name,
  local: { url },
  tools: [{ name: 'run', inputSchema: { type: 'object', properties: { n: { type: 'integer' } }, required: ['n'] } }],
});

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function text(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return body;
}

beforeAll(async () => {
  service = createServer((req, res) => {
    void text(req).then((body) => {
      seen.push({ path: req.url!, body, contentType: req.headers['content-type'], tool: req.headers['x-agentcore-policy-tool'] as string });
      if (req.url === '/ok') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ refunded: JSON.parse(body).n * 10 }));
      if (req.url === '/fail') return res.writeHead(500).end('{"error":"boom"}');
      if (req.url === '/text') return res.writeHead(200, { 'content-type': 'text/plain' }).end('done!');
      if (req.url === '/big') return res.writeHead(200).end(`"${'x'.repeat(1_100_000)}"`);
      if (req.url === '/moved') return res.writeHead(302, { location: 'http://example.com/' }).end();
      // /slow never answers.
    });
  });
  serviceUrl = await listen(service);
  const closed = createServer();
  closedUrl = await listen(closed);
  await new Promise((resolve) => closed.close(resolve));
  gw = await localGateway({
    targets: [
      target('OkTarget', `${serviceUrl}/ok`),
      target('FailTarget', `${serviceUrl}/fail`),
      target('TextTarget', `${serviceUrl}/text`),
      target('BigTarget', `${serviceUrl}/big`),
      target('SlowTarget', `${serviceUrl}/slow`),
      target('GoneTarget', `${closedUrl}/gone`),
      target('MovedTarget', `${serviceUrl}/moved`),
    ],
    policies: [
      { name: 'OkUnder10', statement: 'permit (principal, action in AgentCore::Action::"OkTarget", resource) when { context.input.n < 10 };' },
      { name: 'OthersAlways', statement: 'permit (principal, action, resource) unless { action in AgentCore::Action::"OkTarget" };' },
    ],
    emulator: { targetTimeoutMs: 300 },
  });
});
afterAll(async () => {
  await gw.close();
  service.closeAllConnections();
  await new Promise((resolve) => service.close(resolve));
});

describe('a local.url target', () => {
  it('receives the arguments as JSON, and its JSON answer is the result', async () => {
    const client = await gw.as('user-1');
    const result = await client.callTool({ name: 'OkTarget___run', arguments: { n: 3 } });
    expect(result).toMatchObject({ isError: false, content: [{ type: 'text', text: '{"refunded":30}' }] });
    expect(seen.filter((s) => s.path === '/ok')).toEqual([{ path: '/ok', body: '{"n":3}', contentType: 'application/json', tool: 'OkTarget___run' }]);
  });

  it('is never reached by a call the policies deny', async () => {
    const before = seen.length;
    const client = await gw.as('user-1');
    expect((await rpcError(client.callTool({ name: 'OkTarget___run', arguments: { n: 50 } }))).code).toBe(-32002);
    expect(seen).toHaveLength(before);
  });

  it.each([
    ['FailTarget', 'it answered HTTP 500'],
    ['TextTarget', 'its answer is not JSON'],
    ['BigTarget', 'its answer is over 1048576 bytes'],
    ['SlowTarget', 'no answer within 300 ms'],
    ['GoneTarget', 'cannot reach it (ECONNREFUSED)'],
    ['MovedTarget', 'unexpected redirect'],
  ])('%s gives a JSON-RPC error: %s', async (name, why) => {
    const client = await gw.as('user-1');
    const error = await rpcError(client.callTool({ name: `${name}___run`, arguments: { n: 1 } }));
    expect(error).toEqual({ code: -32603, message: expect.stringContaining(`The target ${name} failed: ${why}`) });
  });

  it('is not part of what the control plane shows', async () => {
    const { items } = await gw.control.send(new ListGatewayTargetsCommand({ gatewayIdentifier: GATEWAY_ID }));
    const shown = await gw.control.send(new GetGatewayTargetCommand({ gatewayIdentifier: GATEWAY_ID, targetId: items![0]!.targetId }));
    expect(JSON.stringify(shown)).not.toContain(serviceUrl);
    expect(shown).not.toHaveProperty('local');
  });
});

describe('local.url in an engine file', () => {
  const engineFile = (url: string) => `name: Local
region: us-west-2
endpoint: local
groups: [business_rules]
gateways:
  - arn: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5
    mode: ENFORCE
    targets:
      - name: RefundTarget
        local: { url: "${url}" }
        tools: [{ name: process_refund, inputSchema: { type: object } }]
`;

  it.each(['http://127.0.0.1:8080/refund', 'http://localhost/refund', 'http://[::1]:9000/'])('accepts the loopback URL %s', (url) => {
    const parsed = parseEngineFile('engines/local.yaml', engineFile(url));
    expect(parsed.ok && parsed.engine.gateways[0]!.targets[0]!.local).toEqual({ url });
  });

  it.each(['http://10.0.0.5/refund', 'http://127.0.0.1.example.com/', 'http://localhost@example.com/', 'file:///etc/passwd', 'https://example.com/'])(
    'refuses %s, which is not loopback',
    (url) => {
      const parsed = parseEngineFile('engines/local.yaml', engineFile(url));
      expect(parsed.ok).toBe(false);
    },
  );
});
