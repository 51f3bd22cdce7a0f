// `agentcore-policy emulator --state FILE` as its own process on a disk that fills up: the shell's file size limit
// (`ulimit -f`) makes every write past it fail with EFBIG, as a full disk fails with ENOSPC. The emulator must live
// on, answer the changes it cannot save with InternalServerException, say so once on stderr, leave no temp file, and
// hold after a restart exactly the changes it answered.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BedrockAgentCoreControlClient, CreatePolicyEngineCommand, InternalServerException, ListPolicyEnginesCommand } from '@aws-sdk/client-bedrock-agentcore-control';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator } from '../../src/emulator/index.js';
import { bundleCli } from '../faults/cli-process.js';
import { collectExit } from '../helpers/process.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { FAKE_CREDENTIALS } from './helpers.js';

/** The limit, in the 1024-byte blocks `ulimit -f` counts in bash. */
const LIMIT_BLOCKS = 16;

let bundle: string;
beforeAll(async () => {
  bundle = await bundleCli();
});
afterAll(async () => {
  await rm(dirname(bundle), { recursive: true, force: true });
});

const clientOf = (url: string) => new BedrockAgentCoreControlClient({ region: 'us-west-2', endpoint: url, credentials: FAKE_CREDENTIALS, maxAttempts: 1 });
const names = async (client: BedrockAgentCoreControlClient) =>
  ((await client.send(new ListPolicyEnginesCommand({ maxResults: 100 }))).policyEngines ?? []).map((e) => e.name!).sort();

describe('emulator on a full disk', () => {
  it('lives on, refuses what it cannot save with a 500, reports it once, and a restart holds exactly what it answered', PROCESS_TESTS, async () => {
    const folder = await mkdtemp(join(tmpdir(), 'emulator-full-'));
    const stateFile = join(folder, 'state.json');
    const child = spawn('bash', ['-c', `ulimit -f ${LIMIT_BLOCKS} && exec "$@"`, 'bash', process.execPath, bundle, 'emulator', '--port', '0', '--state', stateFile, '--delay', '1'], {
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const exit = collectExit(child);
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        const match = /listening on (\S+)/.exec(out);
        if (match) resolve(match[1]!);
      });
      child.once('close', () => reject(new Error(`the emulator ended before listening: ${out}`)));
    });
    const client = clientOf(url);
    const answered: string[] = [];
    const refused: unknown[] = [];
    // Each engine's description takes 4 KB of the 16 KB the file may hold: the fifth cannot be saved.
    for (let i = 0; i < 8; i++) {
      const name = `Engine${i}`;
      try {
        await client.send(new CreatePolicyEngineCommand({ name, description: `${i}`.repeat(4000) }));
        answered.push(name);
      } catch (error) {
        refused.push(error);
      }
    }
    expect(answered.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(answered).toEqual(Array.from({ length: answered.length }, (_, i) => `Engine${i}`));
    for (const error of refused) {
      expect(error).toBeInstanceOf(InternalServerException);
      expect((error as Error).message).toBe('The local engine failed: could not save its state (EFBIG); the change may not survive a restart');
    }
    // Still serving: the reads see what it holds in memory.
    expect(await names(client)).toHaveLength(8);
    client.destroy();
    child.kill('SIGTERM');
    const { code, stderr } = await exit;
    expect(code).toBe(0);
    expect(stderr.match(/cannot save its state/g)).toHaveLength(1);
    expect(stderr).toContain(`The emulator cannot save its state to ${stateFile} (EFBIG); it answers changes with InternalServerException until it can.`);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(await readdir(folder)).toEqual(['state.json']);

    const restarted = await startEmulator({ stateFile, transitionDelayMs: 1 });
    const fresh = clientOf(restarted.url);
    expect(await names(fresh)).toEqual(answered);
    fresh.destroy();
    await restarted.close();
    await rm(folder, { recursive: true, force: true });
  });
});
