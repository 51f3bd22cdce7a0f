// The apply report for a terminal or CI log (text), a pull-request comment (markdown) and programs (JSON). All
// three list every step with its status, so what was done and what was not is never left to guesswork.
import type { Diagnostic } from '../model.js';
import { renderDiagnostics } from './diagnostics.js';
import { fence, inline } from './markdown-escape.js';
import { oneLine } from './sanitize.js';
import { failureText } from './progress.js';
import type { ApplyReport, EngineReport, StepResult, StepStatus } from '../plan/apply-report.js';
import { stepWords } from './step-words.js';
import { temporaryCopies } from './change-words.js';
import { plural } from '../text.js';

export function renderApplyJson(report: ApplyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const STATUS_WORD: Record<StepStatus, string> = { done: 'done', failed: 'FAILED', 'not-attempted': 'not attempted' };

export function renderApplyText(report: ApplyReport): string {
  const lines: string[] = report.diagnostics.map((d) => diagnosticLine(d));
  if (lines.length > 0) lines.push('');
  for (const engine of report.engines) for (const line of [...engineLines(engine), '']) lines.push(line);
  lines.push(closingLine(report));
  return `${lines.join('\n')}\n`;
}

function engineLines(engine: EngineReport): string[] {
  const title = `Engine ${oneLine(engine.engine)} (${oneLine(engine.file)}): ${engine.outcome}`;
  const lines = [title];
  let phase = '';
  for (const step of engine.steps) {
    if (step.phase !== phase) lines.push(`  ${(phase = step.phase)}`);
    lines.push(`    ${STATUS_WORD[step.status].padEnd(13)} ${oneLine(stepWords(step), 300)}`);
    if (step.status === 'failed') lines.push(`                  ${oneLine(failureText(step), 2000)}`);
  }
  return lines;
}

function diagnosticLine(d: Diagnostic): string {
  return oneLine(renderDiagnostics([d], 'text', d.severity !== 'error').trimEnd(), 4000);
}

/** Terraform's closing line when all went well; otherwise what was done, what failed and what to do. */
export function closingLine(report: ApplyReport): string {
  const { done, failed, notAttempted } = report.counts;
  switch (report.status) {
    case 'refused':
      return 'Apply refused: nothing was changed.';
    case 'no-changes':
      return 'No changes. Live engines match the repository.';
    case 'applied': {
      const t = tally(report);
      return `Apply complete! Resources: ${t.added} added, ${t.changed} changed, ${t.destroyed} destroyed${temporaryCopies(t.temporary)}.`;
    }
    case 'failed':
      return (
        `Apply failed: ${done} done, ${failed} failed, ${notAttempted} not attempted. What was done stays live; ` +
        'fix the cause and run apply again: it plans from the live state and continues without duplicates.'
      );
  }
}

/** Resources, not steps: a gateway attached in LOG_ONLY and then set to ENFORCE is one gateway changed. A temporary
 * forbid copy (created in `forbids-shadowed`, deleted in `forbids-removed`) is counted apart, as the plan counts it. */
function tally(report: ApplyReport): { added: number; changed: number; destroyed: number; temporary: number } {
  const done = report.engines.flatMap((e) => e.steps.filter((s) => s.status === 'done').map((s) => ({ ...s, engine: e.engine })));
  const copies = new Set(done.filter((s) => s.phase === 'forbids-shadowed' && s.type === 'create-policy').map((s) => `${s.engine}/${s.name}`));
  const copy = (s: (typeof done)[number]) =>
    copies.has(`${s.engine}/${s.name}`) && ((s.type === 'create-policy' && s.phase === 'forbids-shadowed') || (s.type === 'delete-policy' && s.phase === 'forbids-removed'));
  const lasting = done.filter((s) => !copy(s));
  const count = (types: StepResult['type'][]) => new Set(lasting.filter((s) => types.includes(s.type)).map((s) => `${s.engine}/${s.type}/${s.name}`)).size;
  return { added: count(['create-engine', 'create-policy']), changed: count(['update-engine', 'set-gateway', 'detach-gateway', 'update-policy']), destroyed: count(['delete-policy']), temporary: copies.size };
}

const STATUS_ICON: Record<StepStatus, string> = { done: '✅ done', failed: '❌ failed', 'not-attempted': '⏸️ not attempted' };

export interface ApplyMarkdownOptions {
  /** How long the apply took, said in its first line. */
  elapsedMs?: number;
  /** The report whose counts the first line gives, when only some of its steps are listed (a fitted comment). */
  whole?: ApplyReport;
}

/** The apply in the plan comment's shape: the outcome in one line first, then problems, then each engine folded
 * (open when something in it failed), its steps in a table, a failure's reasons unfolded below it. */
export function renderApplyMarkdown(report: ApplyReport, options: ApplyMarkdownOptions = {}): string {
  const took = options.elapsedMs === undefined ? '' : ` · took ${seconds(options.elapsedMs)}`;
  const out = [`**${inline(closingLine(options.whole ?? report), 1000)}${took}**`, ''];
  if (report.diagnostics.length > 0) {
    for (const d of report.diagnostics) out.push(`- **${inline(d.code)}**${d.file ? ` <code>${inline(d.file)}</code>` : ''}: ${inline(d.message, 2000)}`);
    out.push('');
  }
  for (const engine of report.engines) {
    const failures = engine.steps.filter((s) => s.status === 'failed');
    const summary = `<b>${inline(engine.engine)}</b> (<code>${inline(engine.file)}</code>): ${engine.outcome}${engine.steps.length > 0 ? `, ${plural(engine.steps.length, 'step')}` : ''}`;
    if (engine.steps.length === 0) {
      out.push(summary, '');
      continue;
    }
    out.push(`<details${failures.length > 0 ? ' open' : ''}><summary>${summary}</summary>`, '', '| Phase | Step | Result |', '|---|---|---|');
    for (const step of engine.steps) out.push(stepRow(step));
    out.push('');
    for (const step of failures) out.push(`**Why ${inline(stepWords(step))} failed**`, '', fence(failureLines(step), 'text'), '');
    out.push('</details>', '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

function stepRow(step: StepResult): string {
  return `| ${inline(step.phase)} | ${inline(stepWords(step))} | ${STATUS_ICON[step.status]} |`;
}

function failureLines(step: StepResult): string[] {
  return oneLine(failureText(step), 4000).split(' ⏎ ');
}
