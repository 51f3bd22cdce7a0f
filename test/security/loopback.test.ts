// The emulator has no authentication, so by default it must be reachable from this machine only: started in
// process without a host, and as `agentcore-policy emulator`, it answers on 127.0.0.1 and refuses connections on
// every other address this machine has (a server bound to 0.0.0.0 or :: would accept them; on a machine with no
// address but loopback, only `::` is told apart, through ::1).
import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { makeRepo, removeRepos } from '../helpers/repo.js';
import { credentialsEnv, spawnCli } from './processes.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

/** This machine's addresses other than loopback; link-local IPv6 ones need a zone and are left out. */
const OTHER_ADDRESSES = Object.values(networkInterfaces())
  .flat()
  .filter((a) => a !== undefined && !a.internal && !a.address.startsWith('fe80:'))
  .map((a) => a!.address);

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port, timeout: 2_000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(false));
  });
}

async function expectLoopbackOnly(url: string): Promise<void> {
  const { hostname, port } = new URL(url);
  expect(hostname).toBe('127.0.0.1');
  expect(await reachable('127.0.0.1', Number(port))).toBe(true);
  for (const address of ['::1', ...OTHER_ADDRESSES]) expect(await reachable(address, Number(port)), address).toBe(false);
}

const home = await mkdtemp(join(tmpdir(), 'security-home-'));
afterAll(async () => {
  await rm(home, { recursive: true, force: true });
  await removeRepos();
});

describe('the emulator binds to loopback by default', PROCESS_TESTS, () => {
  it('when started in process without a host', async () => {
    const emulator = await startEmulator();
    try {
      await expectLoopbackOnly(emulator.url);
    } finally {
      await emulator.close();
    }
  });

  // Standalone (in a folder that is no policy repository), and serving a repository's local engine.
  it.each([
    ['standalone', async () => home],
    ['serving a repository', async () => makeRepo()],
  ])('when run as `agentcore-policy emulator`, %s', async (_, folder) => {
    const child = spawnCli(['emulator', '--port', '0'], await folder(), credentialsEnv(home));
    const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        const match = /(?:listening|Serving the local engine of this repository) on (\S+)/.exec(stdout);
        if (match) resolve(match[1]!);
      });
      void closed.then(() => reject(new Error(`the emulator ended early: ${stdout}`)));
    });
    try {
      await expectLoopbackOnly(url);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await closed).toBe(0);
  });
});
