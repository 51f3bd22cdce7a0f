// `agentcore-policy decisions [--dir D] [--engine NAME,...] [--since 24h] [--max-requests N] [--format text|json]
// [--profile P]`: what the engines' gateways decided, and what each LOG_ONLY policy would have done.
import { renderDecisionsText } from '../render/decisions-text.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { runDecisions } from '../run/decisions.js';
import { DEFAULT_MAX_REQUESTS } from '../run/replay.js';
import { ENGINE_OPTION, engineNames, oneOf, parse, WINDOW_OPTIONS, windowOf } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

const DEFAULT_SINCE_MS = 86_400_000;

export async function decisionsCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, { dir: { type: 'string' }, ...ENGINE_OPTION, ...WINDOW_OPTIONS, format: { type: 'string' }, profile: { type: 'string' } });
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const window = windowOf(values, { sinceMs: DEFAULT_SINCE_MS, maxRequests: DEFAULT_MAX_REQUESTS });
  const repository = repositoryRoot(io.cwd, values.dir);
  const outcome = await runDecisions({ root: repository.root, engines: engineNames(values.engine), ...window, client: { profile: values.profile, env: io.env } });
  if (!outcome.ok) {
    io.stderr(renderDiagnostics(repository.shown(outcome.diagnostics), 'text', false));
    io.stderr('No decisions read: the repository does not validate.\n');
    return EXIT.error;
  }
  io.stdout(format === 'json' ? `${JSON.stringify({ engines: outcome.engines }, null, 2)}\n` : renderDecisionsText(outcome.engines));
  return EXIT.ok;
}
