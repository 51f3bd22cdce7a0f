// `agentcore-policy diff --base REF [--dir D] [--engine NAME,...] [--format text|markdown|json] [--detailed-exitcode]`:
// what the working tree does to access compared with the repository at a git ref, offline. Exit 0 (also with access
// changes, unless --detailed-exitcode: then 2 when some tool's access changes), 1 on errors.
import type { AccessDiff } from '../model.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { renderDiffMarkdown } from '../render/diff-markdown.js';
import { renderDiffText } from '../render/diff-text.js';
import { runDiff } from '../run/diff.js';
import { ENGINE_OPTION, engineNames, oneOf, parse, UsageError } from './args.js';
import { EXIT, useColor, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

export async function diffCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, {
    base: { type: 'string' },
    dir: { type: 'string' },
    ...ENGINE_OPTION,
    format: { type: 'string' },
    'detailed-exitcode': { type: 'boolean' },
  });
  if (values.base === undefined) throw new UsageError('--base REF is required: the git ref to compare with, e.g. origin/main');
  const format = oneOf(values.format, ['text', 'markdown', 'json'] as const, '--format', 'text');
  const repository = repositoryRoot(io.cwd, values.dir);
  const outcome = await runDiff({ root: repository.root, base: values.base, engines: engineNames(values.engine) });
  if (!outcome.ok) {
    // The base's problems are in files at the ref, not in the working tree.
    io.stderr(renderDiagnostics(outcome.stage === 'validate' ? repository.shown(outcome.diagnostics) : outcome.diagnostics, 'text', false));
    io.stderr(outcome.stage === 'validate' ? 'No diff: the repository does not validate.\n' : `No diff: the repository at ${values.base} cannot be compared.\n`);
    return EXIT.error;
  }
  io.stdout(render(outcome.diff, format, useColor(io)));
  return values['detailed-exitcode'] && outcome.diff.changesAccess ? EXIT.changes : EXIT.ok;
}

function render(diff: AccessDiff, format: 'text' | 'markdown' | 'json', color: boolean): string {
  if (format === 'json') return `${JSON.stringify(diff, null, 2)}\n`;
  return format === 'markdown' ? renderDiffMarkdown(diff) : renderDiffText(diff, { color });
}
