// The checks beside a plan in the PR comment: validation (its errors, warnings and notes, listed up to a limit) and
// the authorization tests (passed and failed, the failures listed with where they are declared).
import type { Diagnostic } from '../model.js';
import type { TestReport } from '../testing/run-tests.js';
import { plural } from '../text.js';
import { summarizeDiagnostics } from './diagnostics.js';
import { inline, safeUrl } from './markdown-escape.js';
import { diagnosticItem } from './markdown-parts.js';

export interface Checks {
  diagnostics: Diagnostic[];
  /** Absent when the tests did not run. */
  tests?: TestReport;
  /** `--deny-warnings`: warnings fail the check. */
  denyWarnings: boolean;
}

export interface ListOptions {
  /** How many diagnostics or failed cases are listed before "and N more". */
  listLimit: number;
  /** Where the rest can be read. */
  detailsUrl?: string;
}

const failed = (checks: Checks) => checks.diagnostics.some((d) => d.severity === 'error' || (checks.denyWarnings && d.severity === 'warning'));

/** `validation passed` / `tests 29/29`, for the verdict line. */
export function checkWords(checks: Checks): string[] {
  const tests = checks.tests;
  return [
    ...(failed(checks) ? ['validation failed'] : []),
    ...(tests ? [`tests ${tests.passed}/${tests.passed + tests.failed}${tests.failed > 0 ? ' failed' : ''}`] : []),
  ];
}

export function checksSection(checks: Checks, options: ListOptions): string {
  const denied = failed(checks) && !checks.diagnostics.some((d) => d.severity === 'error') ? ' (warnings are denied)' : '';
  const validation = `**Validation**: ${failed(checks) ? 'failed' : 'passed'}, ${summarizeDiagnostics(checks.diagnostics)}${denied}.`;
  const parts = ['### Checks', validation, list(checks.diagnostics.map(diagnosticItem), options)];
  if (checks.tests) parts.push(...testLines(checks.tests, options));
  return parts.filter((p) => p !== '').join('\n\n');
}

function testLines(tests: TestReport, options: ListOptions): string[] {
  const failures = tests.cases.filter((c) => !c.passed).map((c) => {
    const where = `${c.declaredAt.file}:${c.declaredAt.line}`;
    return `- **FAIL** ${inline(c.name, 200)} [${inline(c.engine, 60)}] <code>${inline(where, 200)}</code>: ${inline(c.message ?? '', 500)}`;
  });
  const coverage = tests.uncovered.map((u) => `- Coverage: ${inline(u.engine, 60)}: no case exercised ${inline(u.policies.join(', '), 500)}`);
  return [`**Tests**: ${plural(tests.passed, 'case')} passed, ${tests.failed} failed.`, list([...failures, ...coverage], options)];
}

export function list(items: string[], options: ListOptions): string {
  const shown = items.slice(0, options.listLimit);
  const more = items.length - shown.length;
  const url = safeUrl(options.detailsUrl);
  if (more > 0) shown.push(`- … and ${more} more${url ? ` in the [job summary](${url})` : ''}`);
  return shown.join('\n');
}
