// The `test` report as text (one line a case, the `N passed, N failed` line, coverage) or the documented JSON. Names
// and messages quote the repository, so text shows their control characters as visible escapes.
import { oneLine } from '../render/sanitize.js';
import type { CaseResult, TestReport } from './run-tests.js';

/** `path` shows a repository-relative file as the reader should see it (text only; JSON has no locations). */
export function renderTestReport(report: TestReport, format: 'text' | 'json', path: (file: string) => string = (file) => file): string {
  if (format === 'json') {
    return `${JSON.stringify({ passed: report.passed, failed: report.failed, cases: report.cases.map(caseJson), uncovered: report.uncovered }, null, 2)}\n`;
  }
  return `${[...caseLines(report.cases, path), '', summaryLine(report), ...coverageLines(report.uncovered)].join('\n')}\n`;
}

/** One case of the JSON report. */
export function caseJson({ name, engine, expect, actual, reasons, passed, message, logOnly }: CaseResult) {
  return { name, engine, expect, actual, reasons, passed, ...(message ? { message } : {}), ...(logOnly ? { logOnly } : {}) };
}

const safe = (text: string) => oneLine(text, 4000);

/** A line per case, and under a failed one where it is declared and why it failed. */
export function caseLines(cases: CaseResult[], path: (file: string) => string): string[] {
  return cases.map((c) => {
    const head = `${c.passed ? 'PASS' : 'FAIL'}  ${safe(c.name)} [${safe(c.engine)}]: ${c.actual}`;
    const failure = c.passed ? [] : [`      ${safe(path(c.declaredAt.file))}:${c.declaredAt.line}: ${safe(c.message ?? '')}`];
    return [head, ...failure, ...logOnlyLine(c)].join('\n');
  });
}

export const summaryLine = (report: Pick<TestReport, 'passed' | 'failed'>) => `${report.passed} passed, ${report.failed} failed`;

export function coverageLines(uncovered: TestReport['uncovered']): string[] {
  if (uncovered.length === 0) return ['Coverage: every enabled policy decided at least one case.'];
  return uncovered.map((u) => `Coverage: ${safe(u.engine)}: no case exercised ${safe(u.policies.join(', '))}`);
}

function logOnlyLine(c: CaseResult): string[] {
  return c.logOnly ? [`      LOG_ONLY ${oneLine(c.logOnly.policies.join(', '), 4000)} would make it ${c.logOnly.decision} if ACTIVE`] : [];
}
