// `token`: a bearer token for the gateways of one `endpoint: local` engine, from the local issuer. An engine in
// AWS is refused: its gateways trust their own identity provider, which this tool does not stand in for.
import { basename } from 'node:path';
import { AgentCoreError } from '../agentcore/index.js';
import { STATE_FOLDER } from '../local/state-folder.js';
import { mintRepositoryToken } from '../local/token.js';
import type { Diagnostic } from '../model.js';
import { loadRepository } from '../repository/load.js';
import { namedEngine } from '../validation/validate.js';

export interface TokenRunOptions {
  root: string;
  engine: string;
  sub: string;
  claims: Record<string, string>;
  /** Seconds or a span such as `1h`. */
  expiresIn?: number | string;
}

export type TokenRun = { ok: true; token: string; expiresAt: string } | { ok: false; diagnostics: Diagnostic[] };

export async function runToken(options: TokenRunOptions): Promise<TokenRun> {
  const named = namedEngine(await loadRepository(options.root), options.engine);
  if ('diagnostics' in named) return { ok: false, diagnostics: named.diagnostics };
  const { engine } = named;
  const refuse = (code: Diagnostic['code'], message: string): TokenRun => ({
    ok: false,
    diagnostics: [{ severity: 'error', code, message, file: engine.file, engine: engine.name }],
  });
  if (engine.endpoint !== 'local') {
    return refuse(
      'token/not-local',
      'only an engine with endpoint: local has the local issuer; the gateways of an engine in AWS trust their own identity provider ' +
        '(the discoveryUrl of their CUSTOM_JWT authorizer, such as an Amazon Cognito user pool): get the token from it',
    );
  }
  try {
    const minted = await mintRepositoryToken(options.root, { sub: options.sub, claims: options.claims, expiresIn: options.expiresIn });
    if (minted.ok) return minted;
    return refuse('token/not-minted', `${minted.message}${minted.file ? ` (${STATE_FOLDER}/${basename(minted.file)})` : ''}`);
  } catch (error) {
    if (error instanceof AgentCoreError) return refuse(`aws/${error.code}`, error.message);
    throw error;
  }
}
