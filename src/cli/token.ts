// `agentcore-policy token --engine E [--claim NAME=VALUE]... [--sub ID] [--expires 1h] [--dir D]`: prints a bearer
// token from the local issuer for the gateways of a local engine, and nothing else on stdout, so
// `TOKEN=$(agentcore-policy token ...)` works. The token is never written anywhere else.
import { renderDiagnostics } from '../render/diagnostics.js';
import { runToken } from '../run/token.js';
import { ENGINE_OPTION, engineNames, parse, UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

/** The principal id of a token when --sub is not given. */
export const DEFAULT_SUB = 'local-user';

/** `--claim NAME=VALUE`, each name once; every value is a string claim. */
export function claimsOf(values: readonly string[] | undefined): Record<string, string> {
  const claims: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const value of values ?? []) {
    const at = value.indexOf('=');
    if (at <= 0) throw new UsageError(`--claim takes NAME=VALUE (got "${value}")`);
    const name = value.slice(0, at);
    if (name in claims) throw new UsageError(`--claim ${name} is given twice`);
    claims[name] = value.slice(at + 1);
  }
  return claims;
}

export async function tokenCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, {
    dir: { type: 'string' },
    ...ENGINE_OPTION,
    claim: { type: 'string', multiple: true },
    sub: { type: 'string' },
    expires: { type: 'string' },
  });
  const engines = engineNames(values.engine);
  if (engines.length !== 1) throw new UsageError('--engine is required, once: say which local engine the token is for');
  const expires = values.expires;
  const repository = repositoryRoot(io.cwd, values.dir);
  const run = await runToken({
    root: repository.root,
    engine: engines[0]!,
    sub: values.sub ?? DEFAULT_SUB,
    claims: claimsOf(values.claim),
    ...(expires !== undefined && { expiresIn: /^-?\d+$/.test(expires) ? Number(expires) : expires }),
  });
  if (!run.ok) {
    io.stderr(renderDiagnostics(repository.shown(run.diagnostics), 'text', false));
    io.stderr('No token.\n');
    return EXIT.error;
  }
  io.stdout(`${run.token}\n`);
  return EXIT.ok;
}
