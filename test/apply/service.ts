// A fresh emulator holding the example repository's gateways, and what tests need around it: client options that
// point every engine at it, a client of their own to read and change live state behind apply's back (a console
// edit, an unmanaged policy), and a look at an engine's live policies.
import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import { createControlClient, findEngineByName, listLivePolicies, type ClientOptions } from '../../src/agentcore/index.js';
import { startEmulator, type Emulator, type FaultOptions } from '../../src/emulator/index.js';
import type { LiveEngine, LivePolicy } from '../../src/model.js';
import type { Plan } from '../../src/plan/types.js';
import { loadRepository } from '../../src/repository/load.js';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { applyChanges, makeRepo, PROJECT_ROOT, removeRepos, replace, type Tree } from '../helpers/repo.js';

export const LOCAL = 'CustomerService_local';
export const PROD = 'CustomerService_prod';
const REGIONS: Record<string, string> = { [LOCAL]: 'us-west-2', [PROD]: 'us-east-1' };

export interface Service {
  emulator: Emulator;
  /** For runApply and runPlan: every engine goes to this emulator, one attempt per call. */
  client: ClientOptions;
  /** A client of the test's own in an engine's region, for changes apply must notice. */
  sdk(engine?: string): BedrockAgentCoreControlClient;
  engine(name?: string): Promise<LiveEngine>;
  policies(engine?: string): Promise<LivePolicy[]>;
  close(): Promise<void>;
}

export async function startService(options: { transitionDelayMs?: number; faults?: FaultOptions } = {}): Promise<Service> {
  const emulator = await startEmulator({ transitionDelayMs: options.transitionDelayMs ?? 5, faults: options.faults });
  const { repository } = await loadRepository(PROJECT_ROOT);
  emulator.seedGateways(repository.engines.flatMap((e) => e.gateways));
  const clients = new Map<string, BedrockAgentCoreControlClient>();
  const sdk = (engine = LOCAL) => {
    const region = REGIONS[engine] ?? 'us-west-2';
    if (!clients.has(region)) clients.set(region, createControlClient({ region, endpoint: emulator.url }, { env: {}, maxAttempts: 1 }));
    return clients.get(region)!;
  };
  const engine = async (name = LOCAL) => {
    const found = await findEngineByName(sdk(name), name);
    if (!found) throw new Error(`engine ${name} does not exist live`);
    return found;
  };
  return {
    emulator,
    client: { endpoint: emulator.url, env: {}, maxAttempts: 1 },
    sdk,
    engine,
    policies: async (name = LOCAL) => listLivePolicies(sdk(name), (await engine(name)).policyEngineId),
    async close() {
      for (const client of clients.values()) client.destroy();
      await emulator.close();
    },
  };
}

/** Live policies by name, with their statuses, sorted: what a test compares. */
export function byName(policies: LivePolicy[]): string[] {
  return policies.map((p) => `${p.name} ${p.status}`).sort();
}

/** A copy of the example repository whose engines both live in this service's emulator (`endpoint:` its URL). */
export async function repoOn(service: Service, changes: Tree = {}): Promise<string> {
  const root = await makeRepo({
    'engines/local.yaml': replace('endpoint: local\n', `endpoint: ${service.emulator.url}\n`),
    'engines/production.yaml': replace('region: us-east-1\n', `region: us-east-1\nendpoint: ${service.emulator.url}\n`),
  });
  await applyChanges(root, changes);
  return root;
}

export interface Example {
  service: Service;
  root: string;
}

async function startExample(applied: boolean): Promise<Example> {
  const service = await startService();
  const root = await repoOn(service);
  if (applied) {
    const apply = await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve']);
    if (apply.code !== 0) throw new Error(`the example repository did not apply: ${apply.stderr}`);
  }
  return { service, root };
}

/** For a test file: a service with the example repository applied to its local engine, closed after the file. */
export function appliedExample(): Example {
  const example = {} as Example;
  beforeAll(async () => void Object.assign(example, await startExample(true)));
  afterAll(async () => {
    await example.service.close();
    await removeRepos();
  });
  return example;
}

/** For a test file whose cases must not see each other's changes: a service and a copy of the example repository
 * of its own for each case (applied to the local engine when `applied`), closed after it. */
export function freshExample(options: { applied?: boolean } = {}): Example {
  const example = {} as Example;
  beforeEach(async () => void Object.assign(example, await startExample(options.applied === true)));
  afterEach(async () => {
    await example.service.close();
    await removeRepos();
  });
  return example;
}

/** The plan of one engine (the local one unless named) as its JSON. */
export async function planJson(root: string, engine = LOCAL): Promise<Plan> {
  return JSON.parse((await runCli(['plan', '--dir', root, '--engine', engine, '--format', 'json'])).stdout) as Plan;
}
