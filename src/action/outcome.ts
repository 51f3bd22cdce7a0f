// What a run found, and what follows from it: the exit code (the CLI's, with --detailed-exitcode), the one-line
// summary and the diagnostics to show as annotations.
import { closingLine } from '../render/apply-report.js';
import type { ApplyReport, ApplyStatus } from '../plan/apply-report.js';
import type { Diagnostic } from '../model.js';
import { planSummary } from '../render/change-words.js';
import { summarizeDiagnostics } from '../render/diagnostics.js';
import type { Plan } from '../plan/types.js';
import type { TestReport } from '../testing/run-tests.js';
import { hasErrors } from '../validation/validate.js';
import type { ChecksResult } from './checks.js';
import type { Mode } from './mode.js';

export interface RunResult {
  mode: Mode['run'];
  denyWarnings: boolean;
  /** Why the run refused to do what it was asked. */
  refused?: string;
  checks?: ChecksResult;
  plan?: Plan;
  apply?: ApplyReport;
  /** How long the apply took. */
  elapsedMs?: number;
}

export type ExitCode = 0 | 1 | 2;

export const succeeded = (status: ApplyStatus) => status === 'applied' || status === 'no-changes';

export function exitCodeOf(result: RunResult): ExitCode {
  // Like the CLI's apply: success is 0 whether or not anything changed.
  if (result.apply) return succeeded(result.apply.status) ? 0 : 1;
  const failed =
    result.refused !== undefined ||
    (result.checks !== undefined && hasErrors(result.checks.diagnostics, result.denyWarnings)) ||
    (result.checks?.tests?.failed ?? 0) > 0 ||
    (result.plan?.errors.length ?? 0) > 0;
  if (failed) return 1;
  return result.plan?.hasChanges ? 2 : 0;
}

export function summaryOf(result: RunResult): string {
  if (result.refused !== undefined) return `Refused: ${result.refused}.`;
  if (result.apply) {
    const problems = result.apply.diagnostics.length;
    return problems > 0 ? `${closingLine(result.apply)} ${summarizeDiagnostics(result.apply.diagnostics)}.` : closingLine(result.apply);
  }
  const parts: string[] = [];
  if (result.mode === 'offline') parts.push('Offline checks only (pull request from a fork, no live plan).');
  const diagnostics = result.checks?.diagnostics ?? [];
  if (hasErrors(diagnostics, result.denyWarnings)) parts.push(`Validation failed: ${summarizeDiagnostics(diagnostics)}.`);
  else if (result.mode === 'validate') parts.push(`Valid: ${summarizeDiagnostics(diagnostics)}.`);
  if (result.plan) parts.push(planLine(result.plan));
  const tests = result.checks?.tests;
  if (tests) parts.push(tests.failed > 0 ? `Tests failed: ${tests.passed} passed, ${tests.failed} failed.` : `Tests passed: ${tests.passed}.`);
  return parts.join(' ');
}

export function planLine(plan: Plan): string {
  const line = planSummary(plan);
  return plan.errors.length > 0 ? `${line} ${plural(plan.errors.length, 'error')}: this plan cannot be applied.` : line;
}

/** Everything with a place in a file, for GitHub to show on the lines of the pull request. */
export function annotationsOf(result: RunResult): Diagnostic[] {
  return [
    ...(result.checks?.diagnostics ?? []),
    ...testDiagnostics(result.checks?.tests),
    ...(result.plan ? [...result.plan.errors, ...result.plan.warnings] : []),
    // A refused apply carries the plan's errors again (validation, plan errors): each is said once.
    ...(result.apply?.diagnostics ?? []).filter((d) => !result.plan?.errors.includes(d)),
  ];
}

function testDiagnostics(tests: TestReport | undefined): Diagnostic[] {
  return (tests?.cases ?? [])
    .filter((c) => !c.passed)
    .map((c) => ({ severity: 'error', code: 'test/failed', message: `${c.name} [${c.engine}]: ${c.message}`, ...c.declaredAt }));
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
