// `endpoint: local`: an embedded emulator persisted under <root>/.agentcore-policy/local-engine.json (one file for
// every local engine of the repository), seeded with the engine file's gateways. Engines of one repository opened
// at the same time in one process share one emulator, so they never write the state file over each other; across
// processes, the lock of the folder (lock.ts) lets one process at a time have it open. While the lock is held by
// `agentcore-policy emulator` serving the repository (serve.ts), a command joins that server instead of waiting
// (served.ts). The folder is checked before anything in it is read (state-folder.ts).
import { join } from 'node:path';
import { accountOf, startEmulator, type Emulator, type EmulatorOptions } from '../emulator/index.js';
import type { EngineSpec } from '../model.js';
import { AgentCoreError } from '../agentcore/index.js';
import { acquireLockOr, type LockOptions } from './lock.js';
import { joinServer, type JoinedServer } from './served.js';
import { prepareStateFolder, STATE_FILE, stateFolderOf } from './state-folder.js';

/** Short transitions keep the local experience fast while still passing through CREATING/UPDATING/DELETING. */
export const LOCAL_TRANSITION_MS = 50;

export interface LocalEngine {
  endpoint: string;
  close(): Promise<void>;
}

type Opened = { emulator: Emulator; release: () => Promise<void> } | { served: JoinedServer };

interface Shared {
  opened: Promise<Opened>;
  users: number;
}

const running = new Map<string, Shared>();

export function localStatePath(root: string): string {
  return join(stateFolderOf(root), STATE_FILE);
}

/** How the embedded emulator of `root` runs for engines in `region` whose gateways are `gateways`. */
export function localEmulatorOptions(root: string, region: string, gateways: EngineSpec['gateways']): EmulatorOptions {
  return { stateFile: localStatePath(root), transitionDelayMs: LOCAL_TRANSITION_MS, region, accountId: accountOf(gateways) };
}

const stderrLine = (line: string) => void process.stderr.write(`${line}\n`);

async function open(root: string, engine: EngineSpec, options: LockOptions): Promise<Opened> {
  const folder = await prepareStateFolder(root);
  const notify = options.notify ?? stderrLine;
  const refusals = new Set<string>();
  const taken = await acquireLockOr(
    folder,
    async (holder) => {
      const join = await joinServer(root, holder);
      if (join && 'refused' in join && !refusals.has(join.refused)) {
        refusals.add(join.refused);
        notify(`not joining the local engine pid ${holder.pid} serves: ${join.refused}`);
      }
      return join && 'joined' in join ? join.joined : undefined;
    },
    { ...options, notify },
  );
  if ('instead' in taken) {
    notify(`using the local engine that agentcore-policy pid ${taken.instead.pid} serves at ${taken.instead.url}`);
    return { served: taken.instead };
  }
  try {
    const emulator = await startEmulator(localEmulatorOptions(root, engine.region, engine.gateways));
    return { emulator, release: taken.release };
  } catch (error) {
    await taken.release();
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
  // A served engine seeded every engine file of the repository as it answered the hello.
  const problems =
    'served' in opened
      ? opened.served.problems.filter((p) => p.file === engine.file).map((p) => ({ message: p.message, arn: undefined }))
      : opened.emulator.seedGateways(engine.gateways);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    const entry = running.get(key);
    if (entry && --entry.users === 0) {
      running.delete(key);
      if ('served' in opened) return;
      try {
        await opened.emulator.close();
      } finally {
        await opened.release();
      }
    }
  };
  if (problems.length > 0) {
    await close();
    throw new AgentCoreError('LocalEngineFailed', `${engine.file}: ${problems.map((p) => p.message).join('; ')}`, { arn: problems[0]!.arn });
  }
  return { endpoint: 'served' in opened ? opened.served.url : opened.emulator.url, close };
}
