// `agentcore-policy apply [--dir D] [--engine NAME,...] [PLAN_FILE] [--auto-approve] [--format text|markdown|json]
// [--parallelism N] [--profile P]`: applies a saved plan when it is exactly what planning gives now (refusing it when
// edited, stale or of another repository or engine), or plans, shows the plan and asks for approval on a terminal.
// Prints a line per step as it finishes, then the report. Exit 0 when applied or nothing to do, 1 when refused or
// failed.
import { resolve } from 'node:path';
import { progressLog } from '../render/progress.js';
import { renderApplyJson, renderApplyMarkdown, renderApplyText } from '../render/apply-report.js';
import { renderPlanText } from '../render/plan-text.js';
import { DEFAULT_PARALLELISM, runApply } from '../run/apply.js';
import { ENGINE_OPTION, engineNames, oneOf, parse, UsageError } from './args.js';
import { EXIT, useColor, type CommandIO } from './io.js';
import { planFromCwd, repositoryRoot } from './root.js';

export const APPROVAL_QUESTION = "Do you want to perform these actions? Only 'yes' will be accepted to approve.\n  Enter a value:";

export async function applyCommand(args: string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parse(
    args,
    {
      dir: { type: 'string' },
      ...ENGINE_OPTION,
      format: { type: 'string' },
      'auto-approve': { type: 'boolean' },
      parallelism: { type: 'string' },
      profile: { type: 'string' },
    },
    true,
  );
  if (positionals.length > 1) throw new UsageError(`apply takes at most one plan file (got ${positionals.join(', ')})`);
  const format = oneOf(values.format, ['text', 'markdown', 'json'] as const, '--format', 'text');
  const parallelism = parallelismOf(values.parallelism);
  const planFile = positionals[0];
  const autoApprove = values['auto-approve'] === true;
  // The plan a person approves is shown even when the report goes to a program.
  const showPlan = format === 'text' ? io.stdout : io.stderr;
  let planShown = false;
  const repository = repositoryRoot(io.cwd, values.dir);
  const { report } = await runApply({
    root: repository.root,
    engines: engineNames(values.engine),
    ...(planFile && { planFile: resolve(io.cwd, planFile) }),
    client: { profile: values.profile, env: io.env },
    parallelism,
    onPlan: (plan) => {
      if (format !== 'text' && autoApprove) return;
      showPlan(`${renderPlanText(planFromCwd(plan, repository), { color: useColor(io) })}\n`);
      planShown = format === 'text';
    },
    ...(!autoApprove && { approve: () => approve(io) }),
    // Each step as it finishes, on a terminal and in a CI log alike; beside a JSON or markdown document, on stderr.
    onProgress: progressLog((line) => (format === 'text' ? io.stdout : io.stderr)(`${line}\n`), () => performance.now()),
  });
  if (format === 'json') io.stdout(renderApplyJson(report));
  else if (format === 'markdown') io.stdout(renderApplyMarkdown(report));
  // The plan just shown already said there was nothing to do.
  else if (!(planShown && report.status === 'no-changes')) {
    (report.status === 'refused' ? io.stderr : io.stdout)(renderApplyText({ ...report, diagnostics: repository.shown(report.diagnostics) }));
  }
  return report.status === 'applied' || report.status === 'no-changes' ? EXIT.ok : EXIT.error;
}

/** Asks on a terminal; a run nobody can answer (CI, a pipe) is refused, as it needs --auto-approve. */
async function approve(io: CommandIO): Promise<boolean> {
  if (io.confirm) return io.confirm(APPROVAL_QUESTION);
  io.stderr(
    'agentcore-policy apply: nobody can approve the plan here (no terminal). Pass --auto-approve to apply without ' +
      'asking, or apply a reviewed plan: agentcore-policy plan --out plan.json, then agentcore-policy apply plan.json\n',
  );
  return false;
}

function parallelismOf(value: string | undefined): number {
  if (value === undefined) return DEFAULT_PARALLELISM;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new UsageError(`--parallelism must be a whole number from 1 to 100 (got "${value}")`);
  return n;
}
