// `endpoint: local`: an embedded emulator persisted under <root>/.agentcore-policy/local-engine.json (one file for
// every local engine of the repository), seeded with the engine file's gateways. Engines of one repository opened
// at the same time in one process share one emulator, so they never write the state file over each other; across
// processes, the lock of the folder (lock.ts) lets one process at a time have it open. The folder is checked
// before anything in it is read (state-folder.ts).
import { join } from 'node:path';
import { accountOf, startEmulator, type Emulator } from '../emulator/index.js';
import type { EngineSpec } from '../model.js';
import { AgentCoreError } from '../agentcore/index.js';
import { acquireLock, type LockOptions } from './lock.js';
import { prepareStateFolder, STATE_FILE, stateFolderOf } from './state-folder.js';

/** Short transitions keep the local experience fast while still passing through CREATING/UPDATING/DELETING. */
export const LOCAL_TRANSITION_MS = 50;

export interface LocalEngine {
  endpoint: string;
  close(): Promise<void>;
}

interface Opened {
  emulator: Emulator;
  release: () => Promise<void>;
}

interface Shared {
  opened: Promise<Opened>;
  users: number;
}

const running = new Map<string, Shared>();

export function localStatePath(root: string): string {
  return join(stateFolderOf(root), STATE_FILE);
}

async function open(root: string, engine: EngineSpec, options: LockOptions): Promise<Opened> {
  const folder = await prepareStateFolder(root);
  const release = await acquireLock(folder, options);
  try {
    const emulator = await startEmulator({
      stateFile: localStatePath(root),
      transitionDelayMs: LOCAL_TRANSITION_MS,
      region: engine.region,
      accountId: accountOf(engine.gateways),
    });
    return { emulator, release };
  } catch (error) {
    await release();
    throw error;
  }
}

/** `options` are for the lock: how long to wait for another process using this repository's local engine. */
export async function startLocalEngine(engine: EngineSpec, root: string, options: LockOptions = {}): Promise<LocalEngine> {
  const key = localStatePath(root);
  let shared = running.get(key);
  if (!shared) {
    shared = { opened: open(root, engine, options), users: 0 };
    running.set(key, shared);
  }
  shared.users++;
  let opened: Opened;
  try {
    opened = await shared.opened;
  } catch (error) {
    running.delete(key);
    if (error instanceof AgentCoreError) throw error;
    throw new AgentCoreError('LocalEngineFailed', `The local engine could not start: ${(error as Error).message}`, { cause: error });
  }
  const { emulator, release } = opened;
  const problems = emulator.seedGateways(engine.gateways);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const entry = running.get(key);
    if (entry && --entry.users === 0) {
      running.delete(key);
      try {
        await emulator.close();
      } finally {
        await release();
      }
    }
  };
  if (problems.length > 0) {
    await close();
    throw new AgentCoreError('LocalEngineFailed', `${engine.file}: ${problems.map((p) => p.message).join('; ')}`, { arn: problems[0]!.arn });
  }
  return { endpoint: emulator.url, close };
}
