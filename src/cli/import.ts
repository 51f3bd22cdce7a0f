// `agentcore-policy import --engine E [--group G] [--dir D] [--profile P]`: writes `.cedar` files and manifest
// entries for the live policies the repository does not declare yet, so an existing engine is adopted without
// downtime; it never changes anything live. Exit 0 when everything was imported (or there was nothing to import),
// 1 otherwise.
import { GROUPS } from '../model.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { oneLine } from '../render/sanitize.js';
import { runImport, type ImportRun } from '../run/import.js';
import { oneOf, parse, UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

export async function importCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, { dir: { type: 'string' }, engine: { type: 'string' }, group: { type: 'string' }, profile: { type: 'string' } });
  if (!values.engine) throw new UsageError('--engine is required: say which live engine to import from');
  const group = values.group === undefined ? undefined : oneOf(values.group, GROUPS, '--group', 'authorization');
  const { root, path, shown } = repositoryRoot(io.cwd, values.dir);
  const run = await runImport({ root, engine: values.engine, ...(group && { group }), client: { profile: values.profile, env: io.env } });
  io.stdout(importText(run, values.engine, path));
  if (run.diagnostics.length > 0) io.stderr(renderDiagnostics(shown(run.diagnostics), 'text', run.ok));
  return run.ok ? EXIT.ok : EXIT.error;
}

function importText(run: ImportRun, engine: string, path: (file: string) => string): string {
  const lines: string[] = [];
  if (run.imported.length === 0 && run.ok) lines.push(`Nothing to import: the repository declares every live policy of ${engine}.`);
  if (run.imported.length > 0) {
    lines.push(`Imported ${run.imported.length} live polic${run.imported.length === 1 ? 'y' : 'ies'} from ${engine}:`);
    for (const p of run.imported) lines.push(`  ${path(p.file)}  (${oneLine(p.entry.name)}, ${oneLine(p.policyId)})`);
    lines.push(`Appended their entries (engines: [${engine}]) to ${run.manifests.map(path).join(', ')}.`);
  }
  for (const s of run.skipped) lines.push(`Skipped ${oneLine(s.name)} (${oneLine(s.policyId)}): ${s.why}.`);
  if (run.imported.length > 0) {
    lines.push(
      'Nothing live was changed. Run agentcore-policy plan: the imported policies show no change, or, for those not',
      'managed by agentcore-policy yet, an adoption that only writes the ownership marker into their live description.',
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
