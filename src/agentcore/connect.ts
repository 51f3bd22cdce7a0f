// Opens the client for one engine file: starts the local engine for `endpoint: local`, builds the client, and
// picks waiter settings that suit the endpoint. Callers close() when done.
import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { EngineSpec } from '../model.js';
import { createControlClient, effectiveEndpoint, type ClientOptions } from './client.js';
import { startLocalEngine } from './local-engine.js';
import { waitOptionsFor, type WaitOptions } from './wait.js';

export interface EngineConnection {
  client: BedrockAgentCoreControlClient;
  /** Waiter settings for this endpoint: fast polls for a local engine. */
  wait: WaitOptions;
  /** The endpoint in use, when not AWS's default. */
  endpoint?: string;
  close(): Promise<void>;
}

export async function connectEngine(engine: EngineSpec, root: string, options: ClientOptions = {}): Promise<EngineConnection> {
  const local = engine.endpoint === 'local' && options.endpoint === undefined ? await startLocalEngine(engine, root) : undefined;
  const resolved = { ...options, endpoint: local?.endpoint ?? options.endpoint };
  const client = createControlClient(engine, resolved);
  const endpoint = effectiveEndpoint(engine, resolved);
  return {
    client,
    wait: waitOptionsFor(endpoint),
    ...(endpoint !== undefined ? { endpoint } : {}),
    async close() {
      client.destroy();
      await local?.close();
    },
  };
}
