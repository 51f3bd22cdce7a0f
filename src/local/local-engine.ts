// `endpoint: local`: an embedded emulator persisted under <root>/.agentcore-policy/local-engine.json (one file for
// every local engine of the repository), seeded with the engine file's gateways. Engines of one repository opened
// at the same time in one process share one emulator, so they never write the state file over each other; two
// processes on the same repository at once are not coordinated.
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { accountOf, startEmulator, type Emulator } from '../emulator/index.js';
import type { EngineSpec } from '../model.js';
import { AgentCoreError } from '../agentcore/index.js';

/** Short transitions keep the local experience fast while still passing through CREATING/UPDATING/DELETING. */
export const LOCAL_TRANSITION_MS = 50;
export const STATE_FOLDER = '.agentcore-policy';

export interface LocalEngine {
  endpoint: string;
  close(): Promise<void>;
}

interface Shared {
  emulator: Promise<Emulator>;
  users: number;
}

const running = new Map<string, Shared>();

export function localStatePath(root: string): string {
  return join(resolve(root), STATE_FOLDER, 'local-engine.json');
}

async function open(root: string, engine: EngineSpec): Promise<Emulator> {
  const folder = join(resolve(root), STATE_FOLDER);
  await mkdir(folder, { recursive: true });
  // Local state is a developer's scratch space, never something to commit.
  await writeFile(join(folder, '.gitignore'), '*\n');
  return startEmulator({
    stateFile: localStatePath(root),
    transitionDelayMs: LOCAL_TRANSITION_MS,
    region: engine.region,
    accountId: accountOf(engine.gateways),
  });
}

export async function startLocalEngine(engine: EngineSpec, root: string): Promise<LocalEngine> {
  const key = localStatePath(root);
  let shared = running.get(key);
  if (!shared) {
    shared = { emulator: open(root, engine), users: 0 };
    running.set(key, shared);
  }
  shared.users++;
  let emulator: Emulator;
  try {
    emulator = await shared.emulator;
  } catch (error) {
    running.delete(key);
    throw new AgentCoreError('LocalEngineFailed', `The local engine could not start: ${(error as Error).message}`, { cause: error });
  }
  const problems = emulator.seedGateways(engine.gateways);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const entry = running.get(key);
    if (entry && --entry.users === 0) {
      running.delete(key);
      await emulator.close();
    }
  };
  if (problems.length > 0) {
    await close();
    throw new AgentCoreError('LocalEngineFailed', `${engine.file}: ${problems.map((p) => p.message).join('; ')}`, { arn: problems[0]!.arn });
  }
  return { endpoint: emulator.url, close };
}
