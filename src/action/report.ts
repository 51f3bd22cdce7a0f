// The run as markdown, for the pull-request comment and the job summary (one document for both): the plan comment
// of the CLI's markdown renderer with the checks and the run's context (commit, run page, what merge applies), the
// apply report in the same shape, or why there is neither. Every quoted value is escaped, and the whole fits
// `maxLength`.
import type { Checks } from '../render/markdown-checks.js';
import { checksSection } from '../render/markdown-checks.js';
import { inline, safeUrl } from '../render/markdown-escape.js';
import { renderPlanMarkdown, type RunContext } from '../render/plan-markdown.js';
import { fitApplyMarkdown } from '../render/apply-markdown.js';
import { hasErrors } from '../validation/validate.js';
import { summaryOf, type RunResult } from './outcome.js';

export interface ReportOptions {
  maxLength: number;
  /** Where the full report can be read (the job summary), linked from whatever is cut. */
  detailsUrl?: string;
  /** How many diagnostics or failed cases are listed before "and N more". */
  listLimit: number;
  /** The commit, the run's page and the branch a merge applies on, for the footer and the verdict. */
  run?: RunContext;
  /** How long the apply took, for its verdict line. */
  elapsedMs?: number;
}

const TITLES: Record<RunResult['mode'], string> = {
  plan: 'plan',
  offline: 'plan',
  apply: 'apply',
  refuse: 'apply',
  validate: 'validate',
  test: 'test',
};

export function renderReport(result: RunResult, options: ReportOptions): string {
  const checks: Checks | undefined = result.checks && { ...result.checks, denyWarnings: result.denyWarnings };
  let text: string;
  if (result.plan && result.mode === 'plan') {
    text = renderPlanMarkdown(result.plan, {
      maxLength: options.maxLength - 1,
      listLimit: options.listLimit,
      ...(options.detailsUrl && { detailsUrl: options.detailsUrl }),
      ...(checks && { checks }),
      ...(options.run && { run: options.run }),
    }).trimEnd();
  } else {
    const heading = `## agentcore-policy ${TITLES[result.mode]}`;
    const tail = join([checks && checksSection(checks, options), footer(options.run)]);
    const room = options.maxLength - heading.length - tail.length - 4;
    const body = result.apply ? fitApplyMarkdown(result.apply, room, options.detailsUrl, options.elapsedMs).trimEnd() : join(banners(result, checks));
    text = join([heading, body, tail]);
  }
  return `${text.length < options.maxLength ? text : tooLong(result, options)}\n`;
}

function banners(result: RunResult, checks: Checks | undefined): string[] {
  if (result.refused !== undefined) return [`> [!CAUTION]\n> **Apply refused**: ${inline(result.refused, 300)}`];
  const out: string[] = [];
  if (result.mode === 'offline') {
    out.push(
      '> [!NOTE]\n> **Offline checks only.** This pull request comes from a fork, so it runs without credentials: ' +
        'validate and test ran against the tool schemas committed in the engine files, and no live plan was made. ' +
        'The plan runs once the change is on a branch of this repository.',
    );
  }
  if (result.mode === 'plan' && checks && hasErrors(checks.diagnostics)) out.push('> [!CAUTION]\n> **No plan**: the repository does not validate.');
  return out;
}

/** The commit and the run, for the reports that are not a plan (the plan's footer says what merge applies too). */
function footer(run: RunContext | undefined): string | undefined {
  const url = safeUrl(run?.url);
  const parts = [
    ...(run?.sha && /^[0-9a-f]{7,64}$/i.test(run.sha) ? [`commit <code>${run.sha.slice(0, 7)}</code>`] : []),
    ...(url ? [`[workflow run](${url})`] : []),
  ];
  return parts.length > 0 ? `<sub>${parts.join(' · ')}</sub>` : undefined;
}

/** A report that cannot fit even with the plan cut to its table (hundreds of engines): the summary line and a link. */
function tooLong(result: RunResult, options: ReportOptions): string {
  const url = safeUrl(options.detailsUrl);
  const where = url ? `Read it in the [job summary](${url}).` : 'Read it in the job log.';
  return join([`## agentcore-policy ${TITLES[result.mode]}`, `**${inline(summaryOf(result), 2000)}**`, `The full report is too long for this place. ${where}`, footer(options.run)]);
}

function join(parts: (string | undefined)[]): string {
  return parts.filter((p) => p !== undefined && p !== '').join('\n\n');
}
