// `agentcore-policy pull [--engine E,...] [--check] [--dir D] [--profile P]`: rewrites each engine file's gateway
// targets from the live gateways, printing the change made. With --check it writes nothing, prints the diff of each
// stale file and exits 1 (for CI). Exit 0 otherwise, 1 when an engine could not be read.
import { renderDiagnostics } from '../render/diagnostics.js';
import { oneLine, visible } from '../render/sanitize.js';
import { runPull, type PullRun } from '../run/pull.js';
import { ENGINE_OPTION, engineNames, parse } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot, type RepositoryRoot } from './root.js';

export async function pullCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, { dir: { type: 'string' }, ...ENGINE_OPTION, check: { type: 'boolean' }, profile: { type: 'string' } });
  const repository = repositoryRoot(io.cwd, values.dir);
  const check = values.check === true;
  const run = await runPull({ root: repository.root, engines: engineNames(values.engine), check, client: { profile: values.profile, env: io.env } });
  const text = pullText(run, check, repository);
  if (text) io.stdout(text);
  if (run.diagnostics.length > 0) io.stderr(renderDiagnostics(repository.shown(run.diagnostics), 'text', !run.diagnostics.some((d) => d.severity === 'error')));
  return run.ok ? EXIT.ok : EXIT.error;
}

function pullText(run: PullRun, check: boolean, repository: RepositoryRoot): string {
  const lines: string[] = [];
  for (const file of run.files) {
    const shown = repository.path(file.file);
    if (file.diff.length === 0) {
      lines.push(`${shown} matches the live gateways of ${oneLine(file.engine)}.`);
      continue;
    }
    // Diff lines quote live names and descriptions: control characters are shown escaped.
    lines.push(check ? `${shown} is stale: the live gateways of ${oneLine(file.engine)} differ:` : `Rewrote ${shown} from the live gateways of ${oneLine(file.engine)}:`, '', ...file.diff.map(visible), '');
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
