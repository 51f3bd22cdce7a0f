// `agentcore-policy generate "TEXT" --engine E --gateway ARN|{{variable}} --name NAME [--group G] [--write] [--force]
// [--dir D] [--profile P]`: AgentCore's policy generation, shown asset by asset with its findings; `--write` puts the
// acceptable ones into the repository as files to review. Exit 0 when the generation succeeded (and, with --write,
// something was written and the repository validates), 1 otherwise.
import { GROUPS } from '../model.js';
import type { GeneratedAsset } from '../agentcore/index.js';
import { renderDiagnostics, withPaths } from '../render/diagnostics.js';
import { oneLine, visible } from '../render/sanitize.js';
import { runGenerate, type GenerateRun } from '../run/generate.js';
import { oneOf, parse, UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';
import { repositoryRoot } from './root.js';

export async function generateCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      dir: { type: 'string' },
      engine: { type: 'string' },
      gateway: { type: 'string' },
      name: { type: 'string' },
      group: { type: 'string' },
      write: { type: 'boolean' },
      force: { type: 'boolean' },
      profile: { type: 'string' },
    },
    true,
  );
  if (positionals.length !== 1 || positionals[0]!.trim() === '') throw new UsageError('say what the policy should do, in one quoted argument: generate "Allow refunds under $500" ...');
  for (const flag of ['engine', 'gateway', 'name'] as const) if (!values[flag]) throw new UsageError(`--${flag} is required`);
  const group = values.group === undefined ? undefined : oneOf(values.group, GROUPS, '--group', 'business_rules');
  const { root, path } = repositoryRoot(io.cwd, values.dir);
  const run = await runGenerate({
    root,
    engine: values.engine!,
    gateway: values.gateway!,
    name: values.name!,
    text: positionals[0]!,
    ...(group && { group }),
    write: values.write === true,
    force: values.force === true,
    client: { profile: values.profile, env: io.env },
    ...(io.isTTY && { onWait: (id: string) => io.stderr(`Waiting for AgentCore to translate the text (policy generation ${oneLine(id)})...\n`) }),
  });
  io.stdout(generateText(run, path));
  if (run.diagnostics.length > 0) io.stderr(renderDiagnostics(withPaths(run.diagnostics, path), 'text', run.ok));
  return run.ok ? EXIT.ok : EXIT.error;
}

function generateText(run: GenerateRun, path: (file: string) => string): string {
  const lines: string[] = [];
  run.assets.forEach((asset, index) => {
    for (const line of assetLines(asset, index, run.assets.length)) lines.push(line);
  });
  const written = run.written;
  if (written) {
    for (const policy of written.policies) lines.push(`Wrote ${path(policy.file)} (${oneLine(policy.entry.name)}, version ${policy.entry.version})`);
    if (written.policies.length > 0) lines.push(`Appended ${written.policies.length === 1 ? 'its entry' : 'their entries'} to ${path(written.manifest)}.`);
    if (written.testFile) lines.push(`Wrote ${path(written.testFile)}: complete ${written.policies.length === 1 ? 'its case' : 'its cases'} (marked TODO), then run agentcore-policy test.`);
    for (const skipped of written.skipped) lines.push(`Not written: asset ${oneLine(skipped.assetId)} ("${oneLine(skipped.fragment, 120)}"): ${oneLine(skipped.why, 600)}.`);
    if (written.policies.length > 0) {
      const errors = written.validation.filter((d) => d.severity === 'error').length;
      lines.push('', errors > 0 ? 'The repository no longer validates with the generated policies:' : 'The repository validates with the generated policies.');
      if (written.validation.length > 0) lines.push(renderDiagnostics(withPaths(written.validation, path), 'text', errors === 0).trimEnd());
    }
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function assetLines(asset: GeneratedAsset, index: number, total: number): string[] {
  const findings = asset.findings.map((f) => `${f.type}${f.description ? `: ${oneLine(f.description, 400)}` : ''}`);
  return [
    `Asset ${index + 1} of ${total} (${oneLine(asset.assetId)}) from "${oneLine(asset.fragment, 300)}"`,
    `  findings: ${findings.length > 0 ? findings.join('; ') : 'none'}`,
    ...(asset.statement === undefined ? ['  (no statement)'] : visible(asset.statement).trimEnd().split('\n').map((line) => `  ${line}`)),
    '',
  ];
}
