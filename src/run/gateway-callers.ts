// Who a test case calls its gateway as: the Authorization header for its principal. On a local engine, a token from
// the local issuer (the principal's id as `sub`, its tags as claims) or, for an IamEntity, the stand-in SigV4 header
// of an AWS_IAM gateway; on an engine in AWS, what --token-command prints for the principal (token-command.ts).
import { localIamAuthorization } from '../emulator/index.js';
import { mintRepositoryToken } from '../local/token.js';
import type { EngineSpec, TestPrincipal } from '../model.js';
import { runTokenCommand } from './token-command.js';

export interface CallerOptions {
  root: string;
  /** Required for an engine in AWS. */
  tokenCommand?: string;
  env: Record<string, string | undefined>;
  stderr: (text: string) => void;
}

/** The whole header value, or why there is none. */
export async function callerAuthorization(principal: TestPrincipal, engine: EngineSpec, options: CallerOptions): Promise<{ authorization: string } | { error: string }> {
  const local = engine.endpoint === 'local';
  if (principal.type === 'IamEntity') {
    if (local) return { authorization: localIamAuthorization(principal.id, engine.region) };
    return { error: 'an IamEntity principal calls an AWS_IAM gateway with requests signed by that IAM identity, which test --gateway cannot make in AWS' };
  }
  if (local) {
    const minted = await mintRepositoryToken(options.root, { sub: principal.id, claims: principal.tags });
    return minted.ok ? { authorization: `Bearer ${minted.token}` } : { error: `no token for ${principal.type} ${principal.id}: ${minted.message}` };
  }
  const run = await runTokenCommand(options.tokenCommand!, principal, { cwd: options.root, env: options.env, stderr: options.stderr });
  return run.ok ? { authorization: run.authorization } : { error: run.message };
}

/** One key per distinct principal, whatever the order of its tags. */
export function principalKey(principal: TestPrincipal): string {
  const tags = Object.fromEntries(Object.entries(principal.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return JSON.stringify({ type: principal.type, id: principal.id, tags });
}
