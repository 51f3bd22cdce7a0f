// `agentcore-policy fmt [--dir D] [--check]`: rewrites every declared .cedar file in Cedar's own format, or with
// --check lists the files that differ and exits 1.
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { formatCedar } from '../cedar/format.js';
import { byteOffsetToLineColumn } from '../cedar/locations.js';
import { loadRepository } from '../repository/load.js';
import { pathsFrom, renderDiagnostics, withPaths } from '../render/diagnostics.js';
import { oneLine } from '../render/sanitize.js';
import { plural } from '../text.js';
import { parse } from './args.js';
import { EXIT, type CommandIO } from './io.js';

export async function fmtCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, { dir: { type: 'string' }, check: { type: 'boolean' } });
  const root = resolve(io.cwd, values.dir ?? '.');
  const path = pathsFrom(io.cwd, root);
  const { repository, diagnostics } = await loadRepository(root);
  let failed = diagnostics.some((d) => d.severity === 'error');
  io.stderr(renderDiagnostics(withPaths(diagnostics, path), 'text', !failed));
  const differing: string[] = [];
  for (const policy of repository.policies) {
    const result = formatCedar(policy.source);
    if (!result.ok) {
      failed = true;
      const issue = result.issues[0]!;
      const at = issue.start === undefined ? { line: 1, column: 1 } : byteOffsetToLineColumn(policy.source, issue.start);
      io.stderr(`${oneLine(path(policy.file), 4000)}:${at.line}:${at.column}: error cedar/syntax: ${oneLine(issue.message, 4000)}\n`);
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
