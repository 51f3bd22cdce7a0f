// Emulator-only: a change is answered only once it is in the state file, so what a client was told survives the
// emulator dying at any moment after; a state file that cannot be written fails the changes waiting for it with
// InternalServerException (the SDK retries it), is reported once and is not fatal; request bodies nested past
// MAX_BODY_DEPTH are refused before they reach the store; and a region or id that names an Object.prototype member
// is a region or id like any other.
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  BedrockAgentCoreControlClient,
  CreatePolicyEngineCommand,
  GetPolicyEngineCommand,
  InternalServerException,
  ListPolicyEnginesCommand,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { describe, expect } from 'vitest';
import { MAX_BODY_DEPTH, startEmulator } from '../../src/emulator/index.js';
import { emulatorOnly, FAKE_CREDENTIALS, uniqueName } from './helpers.js';

const folder = () => mkdtempSync(join(tmpdir(), 'emulator-durable-'));
const clientOf = (url: string, region = 'us-west-2', maxAttempts = 1) => new BedrockAgentCoreControlClient({ region, endpoint: url, credentials: FAKE_CREDENTIALS, maxAttempts });
/** Engine names in the state file as it is on disk now: what a restart after a crash would find. */
const namesOnDisk = (file: string, region = 'us-west-2') =>
  Object.values((JSON.parse(readFileSync(file, 'utf8')) as { regions: Record<string, { engines: Record<string, { name: string }> }> }).regions[region]?.engines ?? {})
    .map((e) => e.name)
    .sort();
const listed = async (client: BedrockAgentCoreControlClient) => ((await client.send(new ListPolicyEnginesCommand({ maxResults: 100 }))).policyEngines ?? []).map((e) => e.name!).sort();

/** Makes `path` a folder nothing can be written to, as the user running the tests: chmod for a user, the
 * immutable attribute for root (whom chmod does not stop). Returns the undo, or undefined when neither works. */
function readOnlyFolder(path: string): (() => void) | undefined {
  const writable = () => {
    try {
      writeFileSync(join(path, '.probe'), '');
      rmSync(join(path, '.probe'));
      return true;
    } catch {
      return false;
    }
  };
  chmodSync(path, 0o555);
  if (!writable()) return () => chmodSync(path, 0o755);
  chmodSync(path, 0o755);
  try {
    execFileSync('chattr', ['+i', path], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  return writable() ? undefined : () => execFileSync('chattr', ['-i', path]);
}
const CAN_MAKE_READ_ONLY = (() => {
  const probe = folder();
  const undo = readOnlyFolder(probe);
  undo?.();
  return undo !== undefined;
})();

describe('durability', () => {
  emulatorOnly('answers a change only once it is in the state file, so every answered change survives a crash', async () => {
    const file = join(folder(), 'state.json');
    const emulator = await startEmulator({ stateFile: file, transitionDelayMs: 1 });
    const client = clientOf(emulator.url);
    const first = uniqueName('First');
    await client.send(new CreatePolicyEngineCommand({ name: first }));
    // Read at once, before the emulator closes: nothing is left in a timer.
    expect(namesOnDisk(file)).toEqual([first]);
    const names = Array.from({ length: 40 }, (_, i) => uniqueName(`Burst${i}`));
    await Promise.all(names.map((name) => client.send(new CreatePolicyEngineCommand({ name }))));
    expect(namesOnDisk(file)).toEqual([first, ...names].sort());
    // A second emulator on the file as it is now, the first one never closed: what a restart after a crash sees.
    const restarted = await startEmulator({ stateFile: file, transitionDelayMs: 1 });
    const fresh = clientOf(restarted.url);
    expect(await listed(fresh)).toEqual([first, ...names].sort());
    expect(readdirSync(join(file, '..'))).toEqual(['state.json']);
    client.destroy();
    fresh.destroy();
    await Promise.all([emulator.close(), restarted.close()]);
  });

  emulatorOnly('answers changes 500 while its state folder is gone, reports it once, serves reads, and saves again once it is back', async () => {
    const root = folder();
    const stateFolder = join(root, 'state');
    const file = join(stateFolder, 'state.json');
    const reports: string[] = [];
    const emulator = await startEmulator({ stateFile: file, transitionDelayMs: 1, report: (message) => reports.push(message) });
    const client = clientOf(emulator.url);
    const kept = uniqueName('Kept');
    await client.send(new CreatePolicyEngineCommand({ name: kept }));

    rmSync(stateFolder, { recursive: true });
    writeFileSync(stateFolder, 'a file where the state folder was');
    for (let i = 0; i < 3; i++) {
      const refused = await client.send(new CreatePolicyEngineCommand({ name: uniqueName('Unsaved') })).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InternalServerException);
      expect((refused as Error).message).toMatch(/^The local engine failed: could not save its state \((ENOTDIR|EEXIST)\); the change may not survive a restart$/);
    }
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatch(new RegExp(`^The emulator cannot save its state to ${file} \\((ENOTDIR|EEXIST)\\)`));
    expect(await listed(client)).toHaveLength(4);

    rmSync(stateFolder);
    mkdirSync(stateFolder);
    const after = uniqueName('After');
    await client.send(new CreatePolicyEngineCommand({ name: after }));
    expect(reports).toEqual([reports[0], `The emulator saves its state to ${file} again.`]);
    expect(namesOnDisk(file)).toContain(after);
    expect(readdirSync(stateFolder)).toEqual(['state.json']);
    client.destroy();
    await emulator.close();
  });

  (CAN_MAKE_READ_ONLY ? emulatorOnly : emulatorOnly.skip)('keeps serving on a read-only state folder: changes 500, the saved state intact, no temp file', async () => {
    const stateFolder = folder();
    const file = join(stateFolder, 'state.json');
    const reports: string[] = [];
    const emulator = await startEmulator({ stateFile: file, transitionDelayMs: 1, report: (message) => reports.push(message) });
    const client = clientOf(emulator.url, 'us-west-2', 3);
    const kept = uniqueName('Kept');
    await client.send(new CreatePolicyEngineCommand({ name: kept }));
    const undo = readOnlyFolder(stateFolder)!;
    try {
      // The SDK retries the 500 (three attempts here); every attempt fails the same way, and the emulator lives on.
      const refused = await client.send(new CreatePolicyEngineCommand({ name: uniqueName('Unsaved') })).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(InternalServerException);
      expect((refused as InternalServerException).$metadata.attempts).toBe(3);
      expect(reports).toHaveLength(1);
      expect(namesOnDisk(file)).toEqual([kept]);
      expect(readdirSync(stateFolder)).toEqual(['state.json']);
    } finally {
      undo();
    }
    client.destroy();
    await emulator.close();
  });

  emulatorOnly('refuses request bodies nested past MAX_BODY_DEPTH with 400 before they reach the store, and stays up', async () => {
    const file = join(folder(), 'state.json');
    const emulator = await startEmulator({ stateFile: file, transitionDelayMs: 1, report: () => undefined });
    const post = (path: string, body: string) => fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    const arrays = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const objects = (depth: number) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
    const bombs = [
      ['/policy-engines', `{"name":"Bomb","tags":{"k":${arrays(100_000)}}}`],
      ['/policy-engines', `{"name":"Bomb","tags":${objects(50_000)}}`],
      ['/policy-engines', `{"name":"Bomb","description":${objects(MAX_BODY_DEPTH)}}`],
      ['/policy-engines/Engine-0123456789/policies', `{"name":"Bomb","definition":{"cedar":${arrays(10_000)}}}`],
      ['/gateways/', `{"name":"bomb","targets":${arrays(MAX_BODY_DEPTH)}}`],
    ] as const;
    for (const [path, body] of bombs) {
      const response = await post(path, body);
      expect(response.status, body.slice(0, 50)).toBe(400);
      expect(response.headers.get('x-amzn-errortype')).toBe('ValidationException');
      expect(await response.json()).toMatchObject({ reason: 'FieldValidationFailed', message: `The request body nests deeper than ${MAX_BODY_DEPTH} levels.` });
    }
    // One level less is not refused for its depth (the contract judges what it holds).
    const shallow = await post('/policy-engines', `{"name":"Shallow","description":${objects(MAX_BODY_DEPTH - 2)}}`);
    expect(((await shallow.json()) as { message: string }).message).not.toMatch(/nests deeper/);
    const client = clientOf(emulator.url);
    const after = uniqueName('After');
    await client.send(new CreatePolicyEngineCommand({ name: after, tags: { team: 'refunds' } }));
    expect(namesOnDisk(file)).toEqual([after]);
    client.destroy();
    await emulator.close();
  });

  emulatorOnly('serves a region named constructor, and ids that name prototype members, like any other', async () => {
    const emulator = await startEmulator({ transitionDelayMs: 1 });
    const odd = clientOf(emulator.url, 'constructor');
    const usual = clientOf(emulator.url, 'us-west-2');
    const name = uniqueName('Odd');
    const created = await odd.send(new CreatePolicyEngineCommand({ name }));
    expect(created.policyEngineArn).toContain(':constructor:');
    expect(await listed(odd)).toEqual([name]);
    expect(await listed(usual)).toEqual([]);
    for (const id of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const response = await fetch(`${emulator.url}/policy-engines/${id}`);
      expect(response.status, id).toBeLessThan(500);
    }
    await expect(odd.send(new GetPolicyEngineCommand({ policyEngineId: created.policyEngineId }))).resolves.toMatchObject({ name });
    odd.destroy();
    usual.destroy();
    await emulator.close();
  });
});
