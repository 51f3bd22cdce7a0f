// `agentcore-policy fmt [--dir D] [--check]`: rewrites every declared .cedar file in Cedar's own format, or with
// --check lists the files that differ and exits 1.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { formatCedar } from '../cedar/format.js';
import { byteOffsetToLineColumn } from '../cedar/locations.js';
import { loadRepository } from '../repository/load.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { oneLine } from '../render/sanitize.js';
import { plural } from '../text.js';
import { parse } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

export async function fmtCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, { dir: { type: 'string' }, check: { type: 'boolean' } });
  const { root, path, shown } = repositoryRoot(io.cwd, values.dir);
  const { repository, diagnostics } = await loadRepository(root);
  let failed = diagnostics.some((d) => d.severity === 'error');
  io.stderr(renderDiagnostics(shown(diagnostics), 'text', !failed));
  const differing: string[] = [];
  // A `definition: policy` statement is not Cedar: Cedar's formatter cannot read it, so it stays as written.
  for (const policy of repository.policies.filter((p) => p.definition !== 'policy')) {
    const result = formatCedar(policy.source);
    if (!result.ok) {
      failed = true;
      const issue = result.issues[0]!;
      const at = issue.start === undefined ? { line: 1, column: 1 } : byteOffsetToLineColumn(policy.source, issue.start);
      io.stderr(renderDiagnostics(shown([{ severity: 'error', code: 'cedar/syntax', message: issue.message, file: policy.file, ...at }]), 'text', false));
    } else if (result.formatted !== policy.source) {
      differing.push(policy.file);
      if (!values.check) await writeFile(join(root, policy.file), result.formatted);
    }
  }
  for (const file of differing) io.stdout(`${oneLine(path(file), 4000)}\n`);
  if (values.check) {
    if (differing.length > 0) io.stderr(`${plural(differing.length, 'file')} not formatted; run agentcore-policy fmt\n`);
    return failed || differing.length > 0 ? EXIT.error : EXIT.ok;
  }
  return failed ? EXIT.error : EXIT.ok;
}
