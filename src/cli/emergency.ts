// `agentcore-policy emergency engage|disengage NAME --engine E --reason TEXT [--write] [--dir D] [--format text|json]
// [--profile P]`: switches an emergency-group policy live at once, then prints the manifest change to commit, or
// with `--write` makes it in the manifest.
import { progressLog } from '../render/progress.js';
import { closingLine, renderApplyText } from '../render/apply-report.js';
import { runEmergency, type EmergencyRun } from '../run/emergency.js';
import { oneOf, parse, UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot, type RepositoryRoot } from './root.js';

export async function emergencyCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(
    args,
    { dir: { type: 'string' }, engine: { type: 'string' }, reason: { type: 'string' }, write: { type: 'boolean' }, format: { type: 'string' }, profile: { type: 'string' } },
    true,
  );
  const [action, name, ...extra] = positionals;
  if ((action !== 'engage' && action !== 'disengage') || name === undefined || extra.length > 0) {
    throw new UsageError('usage: agentcore-policy emergency engage|disengage NAME --engine ENGINE --reason TEXT [--write]');
  }
  if (!values.engine) throw new UsageError('--engine is required: say which engine to switch it on or off');
  if (!values.reason?.trim()) throw new UsageError('--reason is required: it is recorded with the change');
  const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
  const repository = repositoryRoot(io.cwd, values.dir);
  const run = await runEmergency({
    root: repository.root,
    action,
    name,
    engine: values.engine,
    reason: values.reason,
    write: values.write === true,
    client: { profile: values.profile, env: io.env },
    ...(io.isTTY && { onProgress: progressLog((line) => io.stdout(`${line}\n`), () => performance.now()) }),
  });
  if (format === 'json') io.stdout(`${JSON.stringify({ ...run.report, manifest: run.manifest ?? null }, null, 2)}\n`);
  else io.stdout(emergencyText(run, action, name, repository));
  return run.report.status === 'applied' || run.report.status === 'no-changes' ? EXIT.ok : EXIT.error;
}

function emergencyText(run: EmergencyRun, action: 'engage' | 'disengage', name: string, repository: RepositoryRoot): string {
  const { manifest } = run;
  const report = { ...run.report, diagnostics: repository.shown(run.report.diagnostics) };
  const done = action === 'engage' ? 'engaged' : 'disengaged';
  const lines: string[] = [];
  if (report.status === 'refused' || report.status === 'failed') return renderApplyText(report);
  lines.push(report.status === 'no-changes' ? `${name} is already ${done} live; nothing to do.` : `${name} ${done} live. ${closingLine(report)}`);
  if (manifest) {
    const file = repository.path(manifest.file);
    const until = `until it is merged, an apply of ${file} as it stands ${action === 'engage' ? 'turns it back off' : 'turns it back on'}`;
    const intro = manifest.written
      ? `Wrote this change to ${file}; commit it so the next apply keeps it (${until}):`
      : `Commit this change so the next apply keeps it (${until}; --write makes it for you):`;
    lines.push('', intro, '', ...manifest.diff);
  } else if (report.status !== 'no-changes') {
    lines.push('', `The manifest already says enabled: ${action === 'engage'}; nothing to commit.`);
  }
  return `${lines.join('\n')}\n`;
}
