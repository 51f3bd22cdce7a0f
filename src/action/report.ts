// The run as markdown, for the pull-request comment and the job summary: the plan (banners and table first, from
// the CLI's markdown renderer), or why there is none, then the checks. Every quoted value is escaped, and the
// whole fits `maxLength`: the plan gets whatever room the rest leaves.
import { summarizeDiagnostics } from '../render/diagnostics.js';
import { inline, safeUrl } from '../render/markdown-escape.js';
import { diagnosticItem } from '../render/markdown-parts.js';
import { renderPlanMarkdown } from '../render/plan-markdown.js';
import type { TestReport } from '../testing/run-tests.js';
import { hasErrors } from '../validation/validate.js';
import { fitApplyMarkdown } from '../render/apply-markdown.js';
import { plural, summaryOf, type RunResult } from './outcome.js';

export interface ReportOptions {
  maxLength: number;
  /** Where the full report can be read (the job summary), linked from whatever is cut. */
  detailsUrl?: string;
  /** How many diagnostics or failed cases are listed before "and N more". */
  listLimit: number;
  /** A closing line, e.g. the commit and the run. */
  footer?: string;
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
  const heading = `## agentcore-policy ${TITLES[result.mode]}`;
  const tail = join([checksSection(result, options), options.footer]);
  const room = options.maxLength - tail.length - 2;
  let text: string;
  if (result.plan && result.mode === 'plan') {
    text = join([renderPlanMarkdown(result.plan, { maxLength: room, detailsUrl: options.detailsUrl }).trimEnd(), tail]);
  } else if (result.apply) {
    text = join([heading, fitApplyMarkdown(result.apply, room - heading.length - 2, options.detailsUrl).trimEnd(), tail]);
  } else {
    text = join([heading, ...banners(result, options), tail]);
  }
  return `${text.length < options.maxLength ? text : tooLong(result, options)}\n`;
}

function banners(result: RunResult, options: ReportOptions): string[] {
  if (result.refused !== undefined) return [`> [!CAUTION]\n> **Apply refused**: ${inline(result.refused, 300)}`];
  const out: string[] = [];
  if (result.mode === 'offline') {
    out.push(
      '> [!NOTE]\n> **Offline checks only.** This pull request comes from a fork, so it runs without credentials: ' +
        'validate and test ran against the tool schemas committed in the engine files, and no live plan was made. ' +
        'The plan runs once the change is on a branch of this repository.',
    );
  }
  if (result.mode === 'plan' && result.checks && hasErrors(result.checks.diagnostics)) {
    out.push('> [!CAUTION]\n> **No plan**: the repository does not validate.');
  }
  return out;
}

function checksSection(result: RunResult, options: ReportOptions): string | undefined {
  const checks = result.checks;
  if (!checks) return undefined;
  const failed = hasErrors(checks.diagnostics, result.denyWarnings);
  const validation = `**Validation**: ${failed ? 'failed' : 'passed'}, ${summarizeDiagnostics(checks.diagnostics)}${failed && !hasErrors(checks.diagnostics) ? ' (warnings are denied)' : ''}.`;
  return join(['### Checks', validation, list(checks.diagnostics.map(diagnosticItem), options), ...(checks.tests ? testLines(checks.tests, options) : [])]);
}

function testLines(tests: TestReport, options: ReportOptions): string[] {
  const failures = tests.cases.filter((c) => !c.passed).map((c) => {
    const where = `${c.declaredAt.file}:${c.declaredAt.line}`;
    return `- **FAIL** ${inline(c.name, 200)} [${inline(c.engine, 60)}] <code>${inline(where, 200)}</code>: ${inline(c.message ?? '', 500)}`;
  });
  const coverage = tests.uncovered.map((u) => `- Coverage: ${inline(u.engine, 60)}: no case exercised ${inline(u.policies.join(', '), 500)}`);
  return [`**Tests**: ${plural(tests.passed, 'case')} passed, ${tests.failed} failed.`, list([...failures, ...coverage], options)];
}

function list(items: string[], options: ReportOptions): string {
  const shown = items.slice(0, options.listLimit);
  const more = items.length - shown.length;
  const url = safeUrl(options.detailsUrl);
  if (more > 0) shown.push(`- … and ${more} more${url ? ` in the [job summary](${url})` : ''}`);
  return shown.join('\n');
}

/** A report that cannot fit even with the plan cut to its table (hundreds of engines): the summary line and a link. */
function tooLong(result: RunResult, options: ReportOptions): string {
  const url = safeUrl(options.detailsUrl);
  const where = url ? `Read it in the [job summary](${url}).` : 'Read it in the job log.';
  return join([`## agentcore-policy ${TITLES[result.mode]}`, `**${inline(summaryOf(result), 2000)}**`, `The full report is too long for this place. ${where}`, options.footer]);
}

function join(parts: (string | undefined)[]): string {
  return parts.filter((p) => p !== undefined && p !== '').join('\n\n');
}
