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

export function renderApplyMarkdown(report: ApplyReport): string {
  const out = [`### agentcore-policy apply: ${report.status}`, ''];
  if (report.diagnostics.length > 0) {
    for (const d of report.diagnostics) out.push(`- **${inline(d.code)}**${d.file ? ` \`${inline(d.file)}\`` : ''}: ${inline(d.message, 2000)}`);
    out.push('');
  }
  for (const engine of report.engines) {
    out.push(`#### Engine ${inline(engine.engine)} (${inline(engine.file)}): ${engine.outcome}`, '');
    if (engine.steps.length === 0) continue;
    out.push('| Phase | Step | Result |', '|---|---|---|');
    for (const step of engine.steps) out.push(stepRow(step));
    out.push('');
    const failures = engine.steps.filter((s) => s.status === 'failed');
    for (const step of failures) out.push(`<details><summary>Why ${inline(stepWords(step))} failed</summary>`, '', fence(failureLines(step), 'text'), '', '</details>', '');
  }
  out.push(inline(closingLine(report), 1000));
  return `${out.join('\n')}\n`;
}

function stepRow(step: StepResult): string {
  return `| ${inline(step.phase)} | ${inline(stepWords(step))} | ${STATUS_ICON[step.status]} |`;
}

function failureLines(step: StepResult): string[] {
  return oneLine(failureText(step), 4000).split(' ⏎ ');
}
