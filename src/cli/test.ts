// `agentcore-policy test [--dir D] [--engine NAME,...] [--format text|json]`: validates, then runs every test case.
import { renderDiagnostics } from '../render/diagnostics.js';
import { renderTestReport } from '../testing/render.js';
import { runTests } from '../testing/run-tests.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { ENGINE_OPTION, engineNames, oneOf, parse } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

export async function testCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, { dir: { type: 'string' }, ...ENGINE_OPTION, format: { type: 'string' } });
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const { root, path, shown } = repositoryRoot(io.cwd, values.dir);
  const report = await validateRepository(root, { engines: engineNames(values.engine) });
  if (hasErrors(report.diagnostics)) {
    io.stderr(renderDiagnostics(shown(report.diagnostics), 'text', false));
    io.stderr('Tests not run: the repository does not validate.\n');
    // A program reading JSON still gets a document saying nothing ran, rather than an empty stdout.
    if (format === 'json') io.stdout(`${JSON.stringify({ passed: 0, failed: 0, cases: [], notRun: 'the repository does not validate' }, null, 2)}\n`);
    return EXIT.error;
  }
  const result = runTests(report.repository, report.engines);
  io.stdout(renderTestReport(result, format, path));
  return result.failed > 0 ? EXIT.error : EXIT.ok;
}
