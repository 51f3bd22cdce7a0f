// Opens the client for one engine file at a known endpoint (the engine's own, AWS's, or one a composer started,
// such as the embedded local engine: see src/local/), and picks waiter settings that suit it. Callers close().
import type { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { EngineSpec } from '../model.js';
import { createControlClient, effectiveEndpoint, type ClientOptions } from './client.js';
import { waitOptionsFor, type WaitOptions } from './wait.js';

export interface EngineConnection {
  client: BedrockAgentCoreControlClient;
  /** Waiter settings for this endpoint: fast polls for a local engine. */
  wait: WaitOptions;
  /** The endpoint in use, when not AWS's default. */
  endpoint?: string;
  close(): Promise<void>;
}

/** `endpoint: local` engines need `options.endpoint`: the URL of the local engine started for them. */
export function connectEngine(engine: EngineSpec, options: ClientOptions = {}): EngineConnection {
  const client = createControlClient(engine, options);
  const endpoint = effectiveEndpoint(engine, options);
  return {
    client,
    wait: waitOptionsFor(endpoint),
    ...(endpoint !== undefined ? { endpoint } : {}),
    async close() {
      client.destroy();
    },
  };
}
