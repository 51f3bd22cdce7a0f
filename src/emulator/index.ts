// The local AgentCore control-plane emulator: a node:http server the real SDK client talks to unchanged, with
// state in memory or in a JSON file, seeding from engine-file gateways and runtime-settable fault injection.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewaySpec } from '../model.js';
import { Faults, type FaultOptions } from './faults.js';
import { createSaver, loadState } from './persistence.js';
import { seedGateways, type SeedProblem } from './seed.js';
import { createRequestHandler, type EmulatorStats } from './server.js';
import { Store } from './store.js';

export type { FaultOptions, ResourceFault } from './faults.js';
export type { EmulatorStats } from './server.js';
export { accountOf, type SeedProblem } from './seed.js';
export { MAX_STATE_BYTES } from './persistence.js';
export { MAX_BODY_DEPTH } from './nesting.js';

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 127.0.0.1: the emulator has no authentication, so it stays on loopback. */
  host?: string;
  /** Persist the state to this JSON file (a regular file, never a symbolic link, at most MAX_STATE_BYTES); in
   * memory only when absent. A change is answered only once it is in the file. */
  stateFile?: string;
  /** Where a state file that cannot be written is reported (once, and once when it can be again); stderr by
   * default. */
  report?: (message: string) => void;
  /** How long CREATING/UPDATING/DELETING last; 500 ms by default. */
  transitionDelayMs?: number;
  faults?: FaultOptions;
  /** Region for requests that carry no SigV4 scope; default us-east-1. */
  region?: string;
  /** Account in the ARNs of resources created through the API; default 123456789012. */
  accountId?: string;
}

export interface Emulator {
  url: string;
  close(): Promise<void>;
  /** Creates or refreshes gateways and their targets; returns the gateways it could not seed. */
  seedGateways(gateways: readonly GatewaySpec[]): SeedProblem[];
  setFaults(faults: FaultOptions): void;
  /** Requests received so far, per operation. */
  stats(): EmulatorStats;
  resetStats(): void;
}

export class EmulatorError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'EmulatorError';
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const loaded = options.stateFile ? loadState(options.stateFile) : { ok: true as const };
  if (!loaded.ok) throw new EmulatorError(loaded.code, `${loaded.file}: ${loaded.message}`, loaded.file);
  const store = new Store(loaded.state);
  const saver = options.stateFile ? createSaver(options.stateFile, () => store.state, { report: options.report }) : undefined;
  const faults = new Faults(options.faults);
  const stats: EmulatorStats = { requests: 0, byOperation: {}, injected: 0 };
  const server = createServer(
    createRequestHandler({
      store,
      faults,
      transitionDelayMs: options.transitionDelayMs ?? 500,
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
      stats,
      changed: () => saver?.commit(),
    }),
  );
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await saver?.close();
    },
    seedGateways(gateways) {
      const problems = seedGateways(store, gateways, Date.now());
      // Seeding answers no request: a failed write is reported by the saver, and the next change writes it again.
      saver?.commit().catch(() => undefined);
      return problems;
    },
    setFaults: (next) => faults.set(next),
    stats: () => ({ ...stats, byOperation: { ...stats.byOperation } }),
    resetStats() {
      stats.requests = 0;
      stats.byOperation = {};
      stats.injected = 0;
    },
  };
}
