// Opens the client for one engine file at a known endpoint (the engine's own, AWS's, or one a composer started,
// such as the embedded local engine: see src/local/), and picks waiter settings that suit it. Callers close(); a
// closed connection makes no more calls (a plan drops the reads it started beside validation when validation fails,
// and the pages still to come are never asked for).
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
  let closed = false;
  client.middlewareStack.add(
    (next) => async (args) => {
      if (closed) throw new Error('the connection to the engine was closed');
      return next(args);
    },
    { step: 'initialize', name: 'refuseCallsAfterClose' },
  );
  return {
    client,
    wait: waitOptionsFor(endpoint),
    ...(endpoint !== undefined ? { endpoint } : {}),
    async close() {
      closed = true;
      client.destroy();
    },
  };
}
