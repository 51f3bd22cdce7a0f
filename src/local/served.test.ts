// Joining a repository's served local engine trusts nothing the state folder holds: a server file a cloned
// repository committed names a live process, a port, a nonce; only a server that answers as that very process
// serving this repository's state is joined.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HELLO_PATH } from '../emulator/index.js';
import { announceServer, joinServer } from './served.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((done) => s.close(done))));
});

function repository(): { root: string; folder: string } {
  const root = mkdtempSync(join(tmpdir(), 'served-'));
  mkdirSync(join(root, '.agentcore-policy'));
  return { root, folder: join(root, '.agentcore-policy') };
}

/** A loopback HTTP server answering every request with `answer`; resolves to its URL. */
async function answering(answer: (path: string) => { status: number; body: unknown }): Promise<string> {
  const server = createServer((req, res) => {
    const { status, body } = answer(req.url ?? '/');
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

// A holder that is not this process (joinServer never joins this process itself).
const HOLDER = { pid: process.ppid, host: hostname(), since: '2026-01-01T00:00:00.000Z' };
const NONCE = '0123456789abcdef0123456789abcdef';
const record = (url: string, extra: object = {}) => JSON.stringify({ pid: HOLDER.pid, host: HOLDER.host, url, nonce: NONCE, ...extra });

describe('joinServer', () => {
  it('joins the server that answers the hello as the holder serving this state folder, with its seeding problems', async () => {
    const { root, folder } = repository();
    const problems = [{ file: 'engines/local.yaml', message: 'not a gateway ARN' }];
    const url = await answering((path) =>
      path === HELLO_PATH ? { status: 200, body: { pid: HOLDER.pid, nonce: NONCE, stateFolder: realpathSync(folder), problems } } : { status: 404, body: {} },
    );
    writeFileSync(join(folder, 'local-engine.server.json'), record(url));
    expect(await joinServer(root, HOLDER)).toEqual({ joined: { url, pid: HOLDER.pid, problems } });
  });

  it('ignores a server file of another process than the holder, of this process, or one that is not a record', async () => {
    const { root, folder } = repository();
    const file = join(folder, 'local-engine.server.json');
    for (const text of [record('http://127.0.0.1:1', { pid: HOLDER.pid + 1 }), record('http://127.0.0.1:1', { host: 'elsewhere' }), 'not json', '{"pid": "1"}']) {
      writeFileSync(file, text);
      expect(await joinServer(root, HOLDER), text).toBeUndefined();
    }
    writeFileSync(file, record('http://127.0.0.1:1', { pid: process.pid }));
    expect(await joinServer(root, { ...HOLDER, pid: process.pid })).toBeUndefined();
    expect(await joinServer(mkdtempSync(join(tmpdir(), 'served-none-')), HOLDER)).toBeUndefined();
  });

  it('refuses, saying why, a URL off loopback, a server that does not answer, or one that answers as another', async () => {
    const { root, folder } = repository();
    const file = join(folder, 'local-engine.server.json');
    const refusal = async (url: string) => {
      writeFileSync(file, record(url));
      const result = await joinServer(root, HOLDER);
      return result && 'refused' in result ? result.refused : result;
    };
    expect(await refusal('http://169.254.169.254')).toBe(
      '.agentcore-policy/local-engine.server.json names "http://169.254.169.254", not a URL on 127.0.0.1; it is not a server of this tool',
    );
    expect(await refusal('http://localhost:80/x')).toMatch(/not a URL on 127\.0\.0\.1/);
    const closed = await answering(() => ({ status: 200, body: {} }));
    await new Promise((done) => servers.pop()!.close(done));
    expect(await refusal(closed)).toBe(`the server .agentcore-policy/local-engine.server.json names (${closed}) does not answer (connection failed)`);
    const other = await answering(() => ({ status: 404, body: { message: 'No operation serves POST' } }));
    expect(await refusal(other)).toBe(`the server .agentcore-policy/local-engine.server.json names (${other}) answers as something other than a local engine of this tool (HTTP 404)`);
    for (const hello of [
      { pid: HOLDER.pid, nonce: 'f'.repeat(32), stateFolder: realpathSync(folder), problems: [] },
      { pid: HOLDER.pid + 1, nonce: NONCE, stateFolder: realpathSync(folder), problems: [] },
      { pid: HOLDER.pid, nonce: NONCE, stateFolder: '/elsewhere/.agentcore-policy', problems: [] },
    ]) {
      const impostor = await answering(() => ({ status: 200, body: hello }));
      expect(await refusal(impostor), JSON.stringify(hello)).toBe(
        `the server .agentcore-policy/local-engine.server.json names (${impostor}) is not the one serving this repository's local engine`,
      );
    }
  });
});

describe('announceServer', () => {
  it('writes the record whole, and withdraws only its own', async () => {
    const { folder } = repository();
    const file = join(folder, 'local-engine.server.json');
    const withdraw = await announceServer(folder, 'http://127.0.0.1:4590', NONCE);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ pid: process.pid, host: hostname(), url: 'http://127.0.0.1:4590', nonce: NONCE });
    const later = await announceServer(folder, 'http://127.0.0.1:4591', NONCE);
    await withdraw();
    expect(JSON.parse(readFileSync(file, 'utf8')).url).toBe('http://127.0.0.1:4591');
    await later();
    expect(() => readFileSync(file)).toThrow(/ENOENT/);
  });
});
