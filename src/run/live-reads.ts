// The live reads of a plan, started as soon as the engine files are read, so that the round trips to the service
// (ListPolicyEngines, then the ListPolicies pages one after another) run beside validating the repository instead
// of after it. Only reads: nothing is written, and when validation fails the reads are dropped (their connections
// closed, so the pages still to come are never asked for). An engine on the embedded local engine is read after
// validation, as before: starting the local engine is not only a read.
import { connectEngine, readLiveState, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import { openEngine } from '../local/connect.js';
import type { EngineSpec, LiveState } from '../model.js';
import { selectEngines } from '../repository/membership.js';

export interface LiveRead {
  connection: EngineConnection;
  live: LiveState;
}

/** Opens the engine and reads it; the connection is closed when the read fails, and the caller's once it is done. */
export async function readEngine(engine: EngineSpec, root: string, client: ClientOptions = {}): Promise<LiveRead> {
  return readOn(await openEngine(engine, root, client), engine);
}

async function readOn(connection: EngineConnection, engine: EngineSpec): Promise<LiveRead> {
  try {
    return { connection, live: await readLiveState(connection.client, engine) };
  } catch (error) {
    await connection.close();
    throw error;
  }
}

/** Reads started early, by engine (the very objects validation returns), taken once each. */
export class EarlyReads {
  private readonly started = new Map<EngineSpec, { connection: EngineConnection; read: Promise<LiveRead> }>();

  constructor(
    private readonly root: string,
    private readonly client: ClientOptions = {},
    private readonly names: readonly string[] = [],
  ) {}

  /** Starts reading the selected engines among those just read from engines/. */
  start(engines: EngineSpec[]): void {
    for (const engine of selectEngines({ root: this.root, engines, policies: [], tests: [] }, this.names).engines) {
      if (engine.endpoint === 'local' && this.client.endpoint === undefined) continue;
      const connection = connectEngine(engine, this.client);
      const read = readOn(connection, engine);
      // Awaited by take(), or dropped by discard(): never an unhandled rejection meanwhile.
      read.catch(() => undefined);
      this.started.set(engine, { connection, read });
    }
  }

  /** The engine's live state: the read started early, or one started now. */
  take(engine: EngineSpec): Promise<LiveRead> {
    const early = this.started.get(engine);
    this.started.delete(engine);
    return early?.read ?? readEngine(engine, this.root, this.client);
  }

  /** Drops every read not taken: validation failed, so nothing will be planned. */
  async discard(): Promise<void> {
    const dropped = [...this.started.values()];
    this.started.clear();
    await Promise.all(dropped.map(({ connection }) => connection.close()));
  }
}
