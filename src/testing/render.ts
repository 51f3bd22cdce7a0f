// The `test` report as text (one line a case, the `N passed, N failed` line, coverage) or the documented JSON. Names
// and messages quote the repository, so text shows their control characters as visible escapes.
import { oneLine } from '../render/sanitize.js';
import type { CaseResult, TestReport } from './run-tests.js';

/** `path` shows a repository-relative file as the reader should see it (text only; JSON has no locations). */
export function renderTestReport(report: TestReport, format: 'text' | 'json', path: (file: string) => string = (file) => file): string {
  if (format === 'json') {
    const cases = report.cases.map(({ name, engine, expect, actual, reasons, passed, message, logOnly }) => ({
      name,
      engine,
      expect,
      actual,
      reasons,
      passed,
      ...(message ? { message } : {}),
      ...(logOnly ? { logOnly } : {}),
    }));
    return `${JSON.stringify({ passed: report.passed, failed: report.failed, cases, uncovered: report.uncovered }, null, 2)}\n`;
  }
  const safe = (text: string) => oneLine(text, 4000);
  const lines = report.cases.map((c) => {
    const head = `${c.passed ? 'PASS' : 'FAIL'}  ${safe(c.name)} [${safe(c.engine)}]: ${c.actual}`;
    const failure = c.passed ? [] : [`      ${safe(path(c.declaredAt.file))}:${c.declaredAt.line}: ${safe(c.message ?? '')}`];
    return [head, ...failure, ...logOnlyLine(c)].join('\n');
  });
  lines.push('', `${report.passed} passed, ${report.failed} failed`);
  if (report.uncovered.length === 0) lines.push('Coverage: every enabled policy decided at least one case.');
  for (const u of report.uncovered) lines.push(`Coverage: ${safe(u.engine)}: no case exercised ${safe(u.policies.join(', '))}`);
  return `${lines.join('\n')}\n`;
}

function logOnlyLine(c: CaseResult): string[] {
  return c.logOnly ? [`      LOG_ONLY ${oneLine(c.logOnly.policies.join(', '), 4000)} would make it ${c.logOnly.decision} if ACTIVE`] : [];
}
