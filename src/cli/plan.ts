// `agentcore-policy plan [--dir D] [--engine NAME,...] [--out plan.json] [--format text|markdown|json] [--detailed-exitcode]
// [--replay [--since 7d] [--max-requests N]]`
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { renderDiagnostics } from '../render/diagnostics.js';
import { renderPlanJson } from '../render/plan-json.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import { renderPlanText } from '../render/plan-text.js';
import { nothingPlanned } from '../plan/plan-all.js';
import { runPlan } from '../run/plan.js';
import { DEFAULT_REPLAY } from '../run/replay.js';
import { ENGINE_OPTION, engineNames, oneOf, parse, WINDOW_OPTIONS, windowOf } from './args.js';
import { EXIT, useColor, type CommandIO } from './io.js';
import { planFromCwd, repositoryRoot } from './root.js';

export async function planCommand(args: string[], io: CommandIO): Promise<number> {
  const { values } = parse(args, {
    dir: { type: 'string' },
    ...ENGINE_OPTION,
    out: { type: 'string' },
    format: { type: 'string' },
    'detailed-exitcode': { type: 'boolean' },
    profile: { type: 'string' },
    ...WINDOW_OPTIONS,
    replay: { type: 'boolean' },
  });
  const format = oneOf(values.format, ['text', 'markdown', 'json'] as const, '--format', 'text');
  const repository = repositoryRoot(io.cwd, values.dir);
  const outcome = await runPlan({
    root: repository.root,
    engines: engineNames(values.engine),
    client: { profile: values.profile, env: io.env },
    replay: { replay: values.replay === true, ...windowOf(values, DEFAULT_REPLAY) },
  });
  if (!outcome.ok) {
    io.stderr(renderDiagnostics(repository.shown(outcome.diagnostics), 'text', false));
    io.stderr('No plan: the repository does not validate.\n');
    // A program reading JSON or markdown still gets a document, saying why there is no plan.
    const none = nothingPlanned('the repository does not validate', outcome.diagnostics);
    if (format === 'json') io.stdout(renderPlanJson(none));
    if (format === 'markdown') io.stdout(renderPlanMarkdown(none));
    return EXIT.error;
  }
  const { plan } = outcome;
  if (values.out) await writeFile(resolve(io.cwd, values.out), renderPlanJson(plan));
  if (format === 'json') io.stdout(renderPlanJson(plan));
  else if (format === 'markdown') io.stdout(renderPlanMarkdown(plan));
  else io.stdout(renderPlanText(planFromCwd(plan, repository), { color: useColor(io) }));
  if (values.out && format === 'text') io.stdout(`\nSaved the plan to ${values.out}; apply it with: agentcore-policy apply ${values.out}\n`);
  if (plan.errors.length > 0) return EXIT.error;
  return values['detailed-exitcode'] && plan.hasChanges ? EXIT.changes : EXIT.ok;
}
