// A policy repository's local engine served until stopped (`agentcore-policy emulator` in the repository): the
// emulator on the repository's state file, with the lock held for as long as it runs, its `endpoint: local`
// engines' gateways seeded (and seeded afresh from the engine files whenever a command joins it), and the
// announcement that lets the repository's commands join it (served.ts) instead of waiting for the lock.
import { localGatewayUrl, startEmulator } from '../emulator/index.js';
import type { EngineSpec } from '../model.js';
import { AgentCoreError } from '../agentcore/index.js';
import { parseGatewayArn } from '../arn.js';
import { loadRepository } from '../repository/load.js';
import { localEmulatorOptions, localStatePath } from './local-engine.js';
import { acquireLockOr, type LockOptions } from './lock.js';
import { announceServer, joinServer, realStateFolder, serverNonce, type SeedingProblem, type ServerHello } from './served.js';
import { prepareStateFolder } from './state-folder.js';

export interface ServedGateway {
  engine: string;
  arn: string;
  /** Its MCP endpoint (GetGateway's `gatewayUrl`). */
  url: string;
}

export interface ServedRepository {
  url: string;
  stateFile: string;
  gateways: ServedGateway[];
  /** Engine files that could not be read or seeded (at start). */
  problems: SeedingProblem[];
  close(): Promise<void>;
}

export interface ServeOptions extends LockOptions {
  /** 0 or absent: a free port. */
  port?: number;
}

interface LocalEngines {
  engines: EngineSpec[];
  problems: SeedingProblem[];
}

/** The repository's `endpoint: local` engines as its files say now, and the engine files that do not read. */
async function localEngines(root: string): Promise<LocalEngines> {
  const { repository, diagnostics, brokenEngines } = await loadRepository(root);
  const broken = new Set(brokenEngines.map((b) => b.file));
  const problems = diagnostics.filter((d) => d.severity === 'error' && d.file !== undefined && broken.has(d.file)).map((d) => ({ file: d.file!, message: d.message }));
  return { engines: repository.engines.filter((e) => e.endpoint === 'local'), problems };
}

export async function serveRepository(root: string, options: ServeOptions = {}): Promise<ServedRepository> {
  const first = await localEngines(root);
  if (first.engines.length === 0) {
    const why = first.problems.length > 0 ? ` that reads (${first.problems.map((p) => p.file).join(', ')} did not)` : '';
    throw new AgentCoreError('LocalEngineFailed', `no engine file of this repository${why} has endpoint: local, so it has no local engine to serve`);
  }
  const folder = await prepareStateFolder(root);
  const taken = await acquireLockOr(folder, async (holder) => {
    const join = await joinServer(root, holder);
    return join && 'joined' in join ? join.joined : undefined;
  }, options);
  if ('instead' in taken) {
    throw new AgentCoreError('LocalEngineBusy', `agentcore-policy pid ${taken.instead.pid} already serves the local engine of this repository at ${taken.instead.url}`);
  }
  const nonce = serverNonce();
  const stateFolder = realStateFolder(root);
  const seed = (engines: EngineSpec[]): SeedingProblem[] =>
    engines.flatMap((engine) => emulator.seedGateways(engine.gateways).map((p) => ({ file: engine.file, message: p.message })));
  const hello = async (): Promise<ServerHello> => {
    const now = await localEngines(root);
    return { pid: process.pid, nonce, stateFolder, problems: [...now.problems, ...seed(now.engines)] };
  };
  let emulator: Awaited<ReturnType<typeof startEmulator>>;
  let withdraw: () => Promise<void>;
  try {
    const allGateways = first.engines.flatMap((e) => e.gateways);
    emulator = await startEmulator({ ...localEmulatorOptions(root, first.engines[0]!.region, allGateways), port: options.port, hello });
    withdraw = await announceServer(folder, emulator.url, nonce).catch(async (error: unknown) => {
      await emulator.close();
      throw error;
    });
  } catch (error) {
    await taken.release();
    throw error;
  }
  const problems = [...first.problems, ...seed(first.engines)];
  const failed = new Set(problems.map((p) => p.file));
  const gateways = first.engines
    .filter((engine) => !failed.has(engine.file))
    .flatMap((engine) => engine.gateways.flatMap((g) => {
      const parsed = parseGatewayArn(g.arn);
      return parsed ? [{ engine: engine.name, arn: g.arn, url: localGatewayUrl(emulator.url, parsed.gatewayId) }] : [];
    }));
  return {
    url: emulator.url,
    stateFile: localStatePath(root),
    gateways,
    problems,
    async close() {
      try {
        await withdraw();
        await emulator.close();
      } finally {
        await taken.release();
      }
    },
  };
}
