// `agentcore-policy validate [--dir D] [--engine NAME,...] [--format text|json|github] [--deny-warnings]`
import { renderDiagnostics, summarizeDiagnostics } from '../render/diagnostics.js';
import { plural } from '../text.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { ENGINE_OPTION, engineNames, oneOf, parse } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

export async function validateCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, {
    dir: { type: 'string' },
    ...ENGINE_OPTION,
    format: { type: 'string' },
    'deny-warnings': { type: 'boolean' },
  });
  const format = oneOf(values.format, ['text', 'json', 'github'] as const, '--format', 'text');
  const { root, shown: fromCwd } = repositoryRoot(io.cwd, values.dir);
  const report = await validateRepository(root, { engines: engineNames(values.engine) });
  const failed = hasErrors(report.diagnostics, values['deny-warnings']);
  // JSON keeps repository-relative paths for programs; text and annotations point from where the command ran.
  const shown = (list: typeof report.diagnostics) => (format === 'json' ? list : fromCwd(list));
  io.stdout(renderDiagnostics(shown(report.diagnostics), format, !failed, shown(report.suppressed)));
  if (format === 'text') {
    const { policies, tests } = report.repository;
    const scope = `${plural(policies.length, 'policy', 'policies')}, ${plural(report.engines.length, 'engine')}, ${plural(tests.length, 'test case')}`;
    const summary = summarizeDiagnostics(report.diagnostics, report.suppressed);
    io.stdout(failed ? `Validation failed: ${summary} (${scope}).\n` : `Valid: ${scope}; ${summary}.\n`);
  }
  return failed ? EXIT.error : EXIT.ok;
}
