// `agentcore-policy test --gateway [--engine NAME,...] [--format text|json] [--token-command CMD] [--profile P]`:
// the test cases sent through the live gateways (src/run/test-gateway.ts), reported as `test` reports them, plus
// where the gateways and the offline evaluation disagree. Exit 1 when a case fails or an engine could not be tested.
import { renderDiagnostics } from '../render/diagnostics.js';
import { runGatewayTests } from '../run/test-gateway.js';
import { renderGatewayTestReport } from '../testing/render-gateway.js';
import { engineNames } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';
import { NOT_VALID_JSON } from './test.js';

export interface GatewayTestValues {
  dir?: string;
  engine?: string[];
  'token-command'?: string;
  profile?: string;
}

export async function testGatewayCommand(values: GatewayTestValues, format: 'text' | 'json', io: CommandIO): Promise<number> {
  const { root, path, shown } = repositoryRoot(io.cwd, values.dir);
  const outcome = await runGatewayTests({
    root,
    engines: engineNames(values.engine),
    client: { profile: values.profile, env: io.env },
    tokenCommand: values['token-command'],
    env: io.env,
    stderr: io.stderr,
  });
  if (!outcome.ok) {
    io.stderr(renderDiagnostics(shown(outcome.diagnostics), 'text', false));
    io.stderr('Tests not run: the repository does not validate.\n');
    if (format === 'json') io.stdout(NOT_VALID_JSON);
    return EXIT.error;
  }
  if (outcome.diagnostics.length > 0) io.stderr(renderDiagnostics(shown(outcome.diagnostics), 'text', false));
  const { report } = outcome;
  io.stdout(renderGatewayTestReport(report, format, path));
  return report.failed > 0 || report.enginesNotRun.length > 0 ? EXIT.error : EXIT.ok;
}
