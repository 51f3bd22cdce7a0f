// `agentcore-policy emulator` in a policy repository, as its own process: it serves the repository's local engine,
// holding its lock; the repository's commands join it (seeding the engine files' gateways afresh as they do), a
// second server is refused, and stopping it leaves nothing behind. A server file that does not lead to that very
// server is never joined: the command says why and waits for the lock as it always did.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { AgentCoreError, readLiveState } from '../../src/agentcore/index.js';
import { openEngine } from '../../src/local/connect.js';
import { startLocalEngine } from '../../src/local/local-engine.js';
import type { EngineSpec } from '../../src/model.js';
import { loadRepository } from '../../src/repository/load.js';
import { collectExit } from '../helpers/process.js';
import { SERVER_ENV, serveRepository } from '../helpers/served-emulator.js';
import { makeRepo, removeRepos, replace } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { spawnCli } from '../security/processes.js';

const ENV = SERVER_ENV;
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(removeRepos);

const serve = (root: string) => serveRepository(root, (child) => children.push(child));

async function localSpec(root: string): Promise<EngineSpec> {
  return (await loadRepository(root)).repository.engines.find((e) => e.endpoint === 'local')!;
}

describe('a served local engine', PROCESS_TESTS, () => {
  it("is joined by the repository's commands, seeded afresh from the engine files, refuses a second server, and leaves nothing when stopped", async () => {
    const root = await makeRepo();
    const served = await serve(root);
    const folder = join(root, '.agentcore-policy');
    const holder = JSON.parse(readFileSync(join(folder, 'local-engine.lock'), 'utf8')) as { pid: number };
    expect(holder.pid).toBe(served.child.pid);
    expect(JSON.parse(readFileSync(join(folder, 'local-engine.server.json'), 'utf8'))).toMatchObject({ pid: served.child.pid, host: hostname(), url: served.url });

    const second = spawnCli(['emulator'], root, ENV);
    second.stdin.end();
    const refused = await collectExit(second);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `error LocalEngineBusy: the local engine could not be served: agentcore-policy pid ${served.child.pid} already serves the local engine of this repository at ${served.url}\n`,
    );

    // An engine file edited while the server runs: a command joining it meets the gateways the file says now.
    writeFileSync(
      join(root, 'engines/local.yaml'),
      replace('          - name: process_refund\n', '          - name: lookup_refund\n            inputSchema: { type: object, properties: { orderId: { type: string } } }\n          - name: process_refund\n')(
        readFileSync(join(root, 'engines/local.yaml'), 'utf8'),
      ),
    );
    const told: string[] = [];
    const spec = await localSpec(root);
    const joined = await startLocalEngine(spec, root, { notify: (line) => told.push(line) });
    expect(joined.endpoint).toBe(served.url);
    expect(told).toEqual([`using the local engine that agentcore-policy pid ${served.child.pid} serves at ${served.url}`]);
    await joined.close();
    const connection = await openEngine(spec, root, { env: {} });
    const live = await readLiveState(connection.client, spec);
    await connection.close();
    const refund = live.gateways.find((g) => g.gatewayId === 'refund-gateway-a1b2c3d4e5')!;
    expect(refund.targets[0]!.tools.map((t) => t.name)).toEqual(['lookup_refund', 'process_refund']);

    served.child.kill('SIGINT');
    const stopped = await served.exit;
    expect(stopped.stdout).toMatch(/Stopped\.\n$/);
    expect(stopped.code).toBe(0);
    expect(existsSync(join(folder, 'local-engine.server.json'))).toBe(false);
    expect(existsSync(join(folder, 'local-engine.lock'))).toBe(false);
    // With no server, a command has the local engine to itself again.
    const own = await startLocalEngine(spec, root, { notify: (line) => told.push(line) });
    expect(own.endpoint).not.toBe(served.url);
    await own.close();
    expect(told).toHaveLength(1);
  });

  it('never joins a server file that leads elsewhere: it says why and waits for the lock', async () => {
    const root = await makeRepo();
    const spec = await localSpec(root);
    // A live process holds the lock, and the server file names it, with the URL of a server that is not ours.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 120000)'], { stdio: 'ignore' });
    children.push(holder);
    const other = createServer((_, res) => res.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"nope"}'));
    await new Promise<void>((done) => other.listen(0, '127.0.0.1', done));
    const url = `http://127.0.0.1:${(other.address() as AddressInfo).port}`;
    const first = await startLocalEngine(spec, root, { notify: () => undefined });
    await first.close();
    const folder = join(root, '.agentcore-policy');
    writeFileSync(join(folder, 'local-engine.lock'), JSON.stringify({ pid: holder.pid, host: hostname(), since: '2026-01-01T00:00:00.000Z' }));
    writeFileSync(join(folder, 'local-engine.server.json'), JSON.stringify({ pid: holder.pid, host: hostname(), url, nonce: '0'.repeat(32) }));
    const told: string[] = [];
    const error = await startLocalEngine(spec, root, { waitMs: 500, notify: (line) => told.push(line) }).catch((e: unknown) => e);
    other.close();
    expect(told).toEqual([
      `not joining the local engine pid ${holder.pid} serves: the server .agentcore-policy/local-engine.server.json names (${url}) answers as something other than a local engine of this tool (HTTP 404)`,
      `waiting for agentcore-policy pid ${holder.pid}, which is using the local engine of this repository`,
    ]);
    expect(error).toBeInstanceOf(AgentCoreError);
    expect((error as AgentCoreError).code).toBe('LocalEngineBusy');
  });
});
