// `agentcore-policy init [--dir D] [--engine-name N] [--region R] [--endpoint URL|local]` scaffolds a policy
// repository in a folder (the working directory by default): a commented engine file for a local engine holding AWS's
// refund example, green under validate and test at once. `--from-live --engine-name N --region R [--endpoint
// URL|local]` fills it from that live engine instead: its gateways with their tools and its policies. Exit 0 when
// written, 1 when a file is in the way (nothing is written) or the engine cannot be read.
import { resolve } from 'node:path';
import { pathsFrom, renderDiagnostics, withPaths } from '../render/diagnostics.js';
import { oneLine } from '../render/sanitize.js';
import { runInit, type InitRun } from '../run/init.js';
import { plural } from '../text.js';
import { parse, UsageError } from './args.js';
import { EXIT, type CommandIO } from './io.js';

/** The template's engine: on the embedded local engine, so plan and apply work before any AWS set-up. */
export const TEMPLATE_ENGINE = { name: 'CustomerService_local', region: 'us-west-2', endpoint: 'local' } as const;

export async function initCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, {
    dir: { type: 'string' },
    'from-live': { type: 'boolean' },
    'engine-name': { type: 'string' },
    region: { type: 'string' },
    endpoint: { type: 'string' },
    profile: { type: 'string' },
  });
  const fromLive = values['from-live'] === true;
  if (fromLive && (!values['engine-name'] || !values.region)) throw new UsageError('--from-live needs --engine-name and --region: which live engine to read');
  const root = resolve(io.cwd, values.dir ?? '.');
  // The template runs on the local engine unless told otherwise; a live engine is in AWS unless told otherwise.
  const endpoint = values.endpoint ?? (fromLive ? undefined : TEMPLATE_ENGINE.endpoint);
  const run = await runInit({
    root,
    engineName: values['engine-name'] ?? TEMPLATE_ENGINE.name,
    region: values.region ?? TEMPLATE_ENGINE.region,
    ...(endpoint !== undefined && { endpoint }),
    fromLive,
    client: { profile: values.profile, env: io.env },
  });
  const path = pathsFrom(io.cwd, root);
  if (run.ok) io.stdout(initText(run, path));
  if (run.diagnostics.length > 0) io.stderr(renderDiagnostics(withPaths(run.diagnostics, path), 'text', run.ok));
  return run.ok ? EXIT.ok : EXIT.error;
}

function initText(run: InitRun, path: (file: string) => string): string {
  const lines = [`Wrote ${plural(run.written.length, 'file')}:`, ...run.written.map((file) => `  ${path(file)}`)];
  if (run.live) {
    const { imported, skipped, gateways } = run.live;
    lines.push(`Read the live engine ${oneLine(run.live.policyEngineId)}: ${plural(gateways, 'gateway')} attached, ${plural(imported.length, 'policy', 'policies')} written down.`);
    for (const s of skipped) lines.push(`Skipped ${oneLine(s.name)} (${oneLine(s.policyId)}): ${s.why}.`);
    lines.push('Nothing live was changed. Next: agentcore-policy plan shows no change for the policies agentcore-policy manages,');
    lines.push('and for any other an adoption that only writes the ownership marker into its live description.');
  } else {
    lines.push('Next: agentcore-policy validate, agentcore-policy test, then agentcore-policy plan (on the embedded local engine).');
  }
  return `${lines.join('\n')}\n`;
}
