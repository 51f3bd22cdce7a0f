// `agentcore-policy test [--dir D] [--engine NAME,...] [--format text|json] [--gateway [--token-command CMD]]`:
// validates, then runs every test case (with --gateway, through the live gateways: test-gateway.ts).
import { renderDiagnostics } from '../render/diagnostics.js';
import { renderTestReport } from '../testing/render.js';
import { runTests } from '../testing/run-tests.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { ENGINE_OPTION, engineNames, oneOf, parse, UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

/** What a program reading JSON gets when nothing ran, rather than an empty stdout. */
export const NOT_VALID_JSON = `${JSON.stringify({ passed: 0, failed: 0, cases: [], notRun: 'the repository does not validate' }, null, 2)}\n`;

export async function testCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, {
    dir: { type: 'string' },
    ...ENGINE_OPTION,
    format: { type: 'string' },
    gateway: { type: 'boolean' },
    'token-command': { type: 'string' },
    profile: { type: 'string' },
  });
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  if (values.gateway) return (await import('./test-gateway.js')).testGatewayCommand(values, format, io);
  if (values['token-command'] !== undefined || values.profile !== undefined) throw new UsageError('--token-command and --profile go with --gateway');
  const { root, path, shown } = repositoryRoot(io.cwd, values.dir);
  const report = await validateRepository(root, { engines: engineNames(values.engine) });
  if (hasErrors(report.diagnostics)) {
    io.stderr(renderDiagnostics(shown(report.diagnostics), 'text', false));
    io.stderr('Tests not run: the repository does not validate.\n');
    if (format === 'json') io.stdout(NOT_VALID_JSON);
    return EXIT.error;
  }
  const result = runTests(report.repository, report.engines);
  io.stdout(renderTestReport(result, format, path));
  return result.failed > 0 ? EXIT.error : EXIT.ok;
}
