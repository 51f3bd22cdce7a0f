// Which decision source an engine has, for every command that reads recorded decisions: an `endpoint: local`
// engine has its decision files; an engine in AWS has its gateways' application logs in CloudWatch Logs; an engine
// at a loopback URL (an emulator run by hand, a test) has CloudWatch Logs only when AWS_ENDPOINT_URL_CLOUDWATCH_LOGS
// names one, since nothing in AWS recorded its decisions. Otherwise there is none, and why is said in words. And
// the reading of one engine's recorded requests that `plan`, `decisions` and `promote` share.
import { cloudWatchDecisionSource, isLoopback, type ClientOptions } from '../agentcore/index.js';
import { readDecisions, type DecisionSource } from '../decisions/source.js';
import { localDecisionSource } from '../local/decision-source.js';
import type { DecisionWindow, EngineSpec, RecordedRequest } from '../model.js';

export type SourceChoice = { source: DecisionSource; close: () => void } | { none: string };

export function decisionSourceFor(engine: EngineSpec, root: string, client: ClientOptions = {}): SourceChoice {
  if (engine.endpoint === 'local') return { source: localDecisionSource(root), close: () => {} };
  const env = client.env ?? process.env;
  if (isLoopback(client.endpoint ?? engine.endpoint) && env.AWS_ENDPOINT_URL_CLOUDWATCH_LOGS === undefined) {
    return { none: `engine ${engine.name} runs at a local URL, which keeps no decision records to read (set AWS_ENDPOINT_URL_CLOUDWATCH_LOGS to read some from CloudWatch Logs)` };
  }
  const source = cloudWatchDecisionSource(engine, client);
  return { source, close: () => source.close() };
}

export interface WindowOptions {
  /** How far back to read, in milliseconds. */
  sinceMs: number;
  maxRequests: number;
  /** Now, in epoch ms (for tests). */
  now?: number;
}

/** Reads the engine's recorded requests into `take`, from its source; or says why it has none. */
export async function readEngineDecisions(
  engine: EngineSpec,
  root: string,
  client: ClientOptions,
  options: WindowOptions,
  take: (request: RecordedRequest) => void,
): Promise<DecisionWindow | { none: string }> {
  const choice = decisionSourceFor(engine, root, client);
  if ('none' in choice) return choice;
  try {
    return await readDecisions(choice.source, engine.gateways, { since: sinceOf(options), limit: options.maxRequests }, take);
  } finally {
    choice.close();
  }
}

export const sinceOf = (options: WindowOptions) => (options.now ?? Date.now()) - options.sinceMs;
