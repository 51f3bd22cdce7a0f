// The local AgentCore engine: a node:http server the real SDK client talks to unchanged (the control plane), whose
// gateways also serve MCP with their policies enforced (the data plane, see gateway/), with state in memory or in
// a JSON file, seeding from engine-file gateways and runtime-settable fault injection.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GatewaySpec } from '../model.js';
import { Faults, type FaultOptions } from './faults.js';
import { issuerKeyFile } from './gateway/addresses.js';
import { fileDecisionLog, memoryDecisionLog } from './gateway/decision-log.js';
import type { DataPlane } from './gateway/handler.js';
import type { LocalIssuer, MintOptions, MintResult } from './gateway/issuer.js';
import type { DecisionRecord } from './gateway/records.js';
import { createSaver, loadState } from './persistence.js';
import { seedGateways, type SeedProblem } from './seed.js';
import { createRequestHandler, type EmulatorStats } from './server.js';
import { Store } from './store.js';

export type { FaultOptions, ResourceFault } from './faults.js';
export type { EmulatorStats } from './server.js';
export { accountOf, type SeedProblem } from './seed.js';
export { MAX_STATE_BYTES } from './persistence.js';
export { MAX_BODY_DEPTH } from './nesting.js';
export { HELLO_PATH } from './server.js';
export { issuerKeyFile, localGatewayUrl, LOCAL_AUDIENCE, LOCAL_CLIENT_ID, LOCAL_DISCOVERY_URL, LOCAL_ISSUER } from './gateway/addresses.js';
export { localIamAuthorization } from './gateway/authenticate.js';
export type { MintOptions, MintResult } from './gateway/issuer.js';
export { decisionsFile, readDecisionRecords, streamDecisionRecords, type DecisionLine, type DecisionRecordsResult } from './gateway/decision-log.js';
export type { DecisionRecord } from './gateway/records.js';

/** A token from the local issuer of the emulator whose state lives in `stateFile`, signed with the key kept beside
 * it (made on first use), so the local engine verifies it whenever it runs on that state. `sub` is the principal
 * id; string claims become the principal's tags. */
export async function mintLocalToken(options: MintOptions & { stateFile: string }): Promise<MintResult> {
  return (await import('./gateway/issuer.js')).mintLocalToken(options);
}

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
  /** How long a gateway waits for a `local.url` target to answer; 10 s by default. */
  targetTimeoutMs?: number;
  /** What a POST to HELLO_PATH answers (as JSON): lets whoever runs the emulator for others prove who it is. */
  hello?: () => Promise<unknown>;
}

export interface Emulator {
  url: string;
  close(): Promise<void>;
  /** Creates or refreshes gateways and their targets; returns the gateways it could not seed. */
  seedGateways(gateways: readonly GatewaySpec[]): SeedProblem[];
  setFaults(faults: FaultOptions): void;
  /** Control-plane requests received so far, per operation. */
  stats(): EmulatorStats;
  resetStats(): void;
  /** A token from this emulator's local issuer (the same one `mintLocalToken` uses on its state file). */
  mintToken(options: MintOptions): Promise<MintResult>;
  /** The decision records of one gateway, oldest first (from memory, or from the state folder). */
  decisionRecords(gatewayId: string): DecisionRecord[];
  /** Decision records that could not be written (a full disk): the calls they describe went ahead. */
  decisionRecordFailures(): number;
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
  const records = options.stateFile ? fileDecisionLog(options.stateFile) : memoryDecisionLog();
  const host = options.host ?? '127.0.0.1';
  let url = '';
  // jose, ajv and the MCP SDK load with the first data-plane request or token, never for control-plane work.
  let issuer: Promise<LocalIssuer> | undefined;
  const localIssuer = () =>
    (issuer ??= import('./gateway/issuer.js').then((m) => new m.LocalIssuer(options.stateFile ? issuerKeyFile(options.stateFile) : undefined)));
  let dataPlane: Promise<DataPlane> | undefined;
  const loadDataPlane = () =>
    (dataPlane ??= Promise.all([import('./gateway/handler.js'), localIssuer()]).then(([m, loaded]) =>
      m.createDataPlane({ store, issuer: loaded, records, targetTimeoutMs: options.targetTimeoutMs ?? 10_000, url: () => url }),
    ));
  const server = createServer(
    createRequestHandler({
      store,
      faults,
      transitionDelayMs: options.transitionDelayMs ?? 500,
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '123456789012',
      stats,
      changed: () => saver?.commit(),
      boundHost: host,
      url: () => url,
      dataPlane: loadDataPlane,
      hello: options.hello,
    }),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  return {
    url,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await saver?.close();
      records.close();
    },
    seedGateways(gateways) {
      const problems = seedGateways(store, gateways, Date.now());
      store.revision++;
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
    mintToken: async (mint) => (await localIssuer()).mint(mint),
    decisionRecords: (gatewayId) => records.read(gatewayId),
    decisionRecordFailures: () => records.failures(),
  };
}
