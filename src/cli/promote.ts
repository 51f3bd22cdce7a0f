// `agentcore-policy promote NAME [--dir D] [--engine NAME,...] [--since 7d] [--min-decisions N] [--max-flips N]
// [--force] [--max-requests N] [--profile P]`: switches a LOG_ONLY policy to ACTIVE in its manifest once recorded
// decisions back it. The evidence goes to stdout as markdown, for the pull request; what was done, or why not, to
// stderr.
import { renderDiagnostics } from '../render/diagnostics.js';
import { renderPromotionMarkdown } from '../render/promotion-markdown.js';
import { runPromote } from '../run/promote.js';
import { DEFAULT_MAX_REQUESTS, DEFAULT_SINCE_MS } from '../run/replay.js';
import { ENGINE_OPTION, engineNames, parse, UsageError, WINDOW_OPTIONS, windowOf } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

export const DEFAULT_MIN_DECISIONS = 100;
export const DEFAULT_MAX_FLIPS = 0;

export async function promoteCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      dir: { type: 'string' },
      ...ENGINE_OPTION,
      ...WINDOW_OPTIONS,
      'min-decisions': { type: 'string' },
      'max-flips': { type: 'string' },
      force: { type: 'boolean' },
      profile: { type: 'string' },
    },
    true,
  );
  const [name, ...extra] = positionals;
  if (name === undefined || extra.length > 0) throw new UsageError('name one policy to promote: agentcore-policy promote NAME');
  const repository = repositoryRoot(io.cwd, values.dir);
  const run = await runPromote({
    root: repository.root,
    name,
    engines: engineNames(values.engine),
    ...windowOf(values, { sinceMs: DEFAULT_SINCE_MS, maxRequests: DEFAULT_MAX_REQUESTS }),
    minDecisions: count(values['min-decisions'], '--min-decisions', DEFAULT_MIN_DECISIONS),
    maxFlips: count(values['max-flips'], '--max-flips', DEFAULT_MAX_FLIPS),
    force: values.force === true,
    client: { profile: values.profile, env: io.env },
  });
  if (run.diagnostics.length > 0) {
    io.stderr(renderDiagnostics(repository.shown(run.diagnostics), 'text', false));
    return EXIT.error;
  }
  io.stdout(renderPromotionMarkdown({ ...run, forced: run.status === 'promoted' && run.shortfalls.length > 0 }));
  if (run.status === 'refused') {
    io.stderr(`\n${name} was not promoted: ${run.shortfalls.map((s) => s.message).join('; ')}. Pass --force to promote it anyway.\n`);
    return EXIT.error;
  }
  const file = repository.path(run.manifest!.file);
  io.stderr(`\nPromoted ${name} to ACTIVE in ${file}; commit it, with the evidence above in the pull request:\n\n${run.manifest!.diff.join('\n')}\n`);
  return EXIT.ok;
}

function count(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^(0|[1-9][0-9]{0,8})$/.test(value)) throw new UsageError(`${flag} must be a whole number (got "${value}")`);
  return Number(value);
}
