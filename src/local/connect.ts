// The composers' way to reach an engine: for `endpoint: local` it first starts (or joins) the embedded local
// engine of the repository, then hands its URL to the client layer as the endpoint; any other engine is connected
// to directly. Closing the connection lets go of the local engine too.
import { connectEngine, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import type { EngineSpec } from '../model.js';
import { startLocalEngine } from './local-engine.js';

export async function openEngine(engine: EngineSpec, root: string, options: ClientOptions = {}): Promise<EngineConnection> {
  if (engine.endpoint !== 'local' || options.endpoint !== undefined) return connectEngine(engine, options);
  const local = await startLocalEngine(engine, root);
  const connection = connectEngine(engine, { ...options, endpoint: local.endpoint });
  return {
    ...connection,
    async close() {
      await connection.close();
      await local.close();
    },
  };
}
