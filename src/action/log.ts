// The run for the job log, as the CLI prints it: the plan in text, the apply report, then the test report.
// Diagnostics reach the log as annotations, so they are not repeated here; apply logs its plan as it goes.
import { renderApplyText } from '../render/apply-report.js';
import { renderPlanText } from '../render/plan-text.js';
import { renderTestReport } from '../testing/render.js';
import { summaryOf, type RunResult } from './outcome.js';

export function logReport(result: RunResult): string {
  const parts = [
    ...(result.plan && result.mode === 'plan' ? [renderPlanText(result.plan, { color: false })] : []),
    ...(result.apply ? [renderApplyText(result.apply)] : []),
    ...(result.checks?.tests ? [renderTestReport(result.checks.tests, 'text')] : []),
    `${summaryOf(result)}\n`,
  ];
  return parts.join('\n').trimEnd();
}
