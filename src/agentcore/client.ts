// The one place that builds the AgentCore control-plane client (and so the only importer of its constructor): region,
// the engine's credentials (credentials.ts: its profile or role, --profile, or the standard chain), an endpoint URL,
// and retries by the rules of the SDK's standard mode with shorter throttling backoff (or, on request, millisecond
// ones for a local engine made to throttle: see retry.ts). Not adaptive retries: their client-side rate limiter drops
// a client throttled before it has measured its sending rate (an apply's first burst) to half a request per second,
// and 500 changes under 10% throttling took 82 to 114 s instead of 11 to 15 s (bench/scale.bench.ts); apply already
// bounds the calls in flight. The SDK itself honours
// AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL and AWS_ENDPOINT_URL (and `endpoint_url` in the profile), so those are
// not passed again; they are only read to notice a loopback endpoint, which gets fixed fake credentials so no
// credential chain (and no instance-metadata probe) is consulted for a local engine.
import { BedrockAgentCoreControlClient } from '@aws-sdk/client-bedrock-agentcore-control';
import type { EngineSpec } from '../model.js';
import { credentialsConfig, credentialSource } from './credentials.js';
import { LOCAL_BACKOFF, retryStrategy, SERVICE_BACKOFF } from './retry.js';
import { rememberCredentials } from './secrets.js';

export interface ClientOptions {
  /** The CLI's --profile: for engines whose file names no `aws.profile`, and the credentials an `aws.roleArn` is
   * assumed from. The SDK's own AWS_PROFILE handling applies when absent. */
  profile?: string;
  /** Attempts per call, retries included; default 5. */
  maxAttempts?: number;
  /** Back off in milliseconds rather than the SDK's seconds (retry.ts): for tests and benchmarks that make the local
   * engine throttle at random and want the retries without the waiting. */
  localRetries?: boolean;
  /** An endpoint that wins over the engine's (e.g. a started local engine). */
  endpoint?: string;
  /** The environment, for the endpoint variables; process.env when absent. */
  env?: Record<string, string | undefined>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export function isLoopback(url: string | undefined): boolean {
  if (!url) return false;
  try {
    return LOOPBACK.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

function explicitEndpoint(engine: Pick<EngineSpec, 'endpoint'>, options: ClientOptions): string | undefined {
  return options.endpoint ?? (engine.endpoint !== 'local' ? engine.endpoint : undefined);
}

/** The endpoint the SDK will use: explicit first, then the environment variables it reads itself. */
export function effectiveEndpoint(engine: Pick<EngineSpec, 'endpoint'>, options: ClientOptions = {}): string | undefined {
  const env = options.env ?? process.env;
  return explicitEndpoint(engine, options) ?? env.AWS_ENDPOINT_URL_BEDROCK_AGENTCORE_CONTROL ?? env.AWS_ENDPOINT_URL;
}

/** `endpoint: local` engines need their local engine's URL in `options.endpoint` (see src/local/connect.ts). */
export function createControlClient(engine: Pick<EngineSpec, 'region' | 'endpoint' | 'aws'>, options: ClientOptions = {}): BedrockAgentCoreControlClient {
  if (engine.endpoint === 'local' && options.endpoint === undefined) {
    throw new Error('an `endpoint: local` engine needs its local engine started first (src/local/connect.ts does this)');
  }
  const explicit = explicitEndpoint(engine, options);
  const local = isLoopback(effectiveEndpoint(engine, options));
  const maxAttempts = options.maxAttempts ?? 5;
  const client = new BedrockAgentCoreControlClient({
    region: engine.region,
    ...(explicit !== undefined ? { endpoint: explicit } : {}),
    ...credentialsConfig(credentialSource(engine, local, options.profile), engine.region),
    retryStrategy: retryStrategy(maxAttempts, options.localRetries ? LOCAL_BACKOFF : SERVICE_BACKOFF),
    maxAttempts,
  });
  if (!local) rememberResolvedCredentials(client);
  return client;
}

/** Before each call, the credentials the SDK signs it with (resolved once and memoized by the SDK, from wherever
 * its chain found them: a profile, SSO, a role) join the values `redact` masks. */
function rememberResolvedCredentials(client: BedrockAgentCoreControlClient): void {
  client.middlewareStack.add(
    (next) => async (args) => {
      rememberCredentials(await client.config.credentials());
      return next(args);
    },
    { step: 'initialize', name: 'rememberCredentialValues' },
  );
}
