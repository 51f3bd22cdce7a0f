import { describe, expect, it } from 'vitest';
import { finishedReport, refusedReport } from '../plan/apply-report.js';
import { annotationsOf, exitCodeOf, summaryOf, type RunResult } from './outcome.js';
import { creatingPlan, diagnostic, testReport, unreachablePlan } from '../../test/builders/action.js';

const passing = testReport([{ name: 'a', passed: true }, { name: 'b', passed: true }]);
const failing = testReport([{ name: 'a', passed: true }, { name: 'refund over 500', passed: false, message: 'expected allow, got deny' }]);
const warning = diagnostic('warning', 'lint/no-permit', 'a warning');

describe('exitCodeOf and summaryOf', () => {
  it('a plan with changes exits 2 and says the plan line first', () => {
    const result: RunResult = { mode: 'plan', denyWarnings: false, checks: { diagnostics: [warning], tests: passing }, plan: creatingPlan(2) };
    expect(exitCodeOf(result)).toBe(2);
    expect(summaryOf(result)).toBe('Plan: 2 to create, 0 to update, 0 to delete. Tests passed: 2.');
  });

  it('failing tests, denied warnings, live errors, plan errors and refusals exit 1', () => {
    const plan = creatingPlan(1);
    expect(exitCodeOf({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [], tests: failing }, plan })).toBe(1);
    expect(exitCodeOf({ mode: 'validate', denyWarnings: true, checks: { diagnostics: [warning] } })).toBe(1);
    expect(exitCodeOf({ mode: 'validate', denyWarnings: false, checks: { diagnostics: [warning] } })).toBe(0);
    expect(exitCodeOf({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [] }, plan: unreachablePlan() })).toBe(1);
    expect(exitCodeOf({ mode: 'plan', denyWarnings: false, plan: { ...plan, errors: [diagnostic('error', 'plan/version-not-bumped', 'bump')] } })).toBe(1);
    expect(exitCodeOf({ mode: 'refuse', denyWarnings: false, refused: 'apply never runs on pull_request events' })).toBe(1);
  });

  it('names what failed', () => {
    expect(summaryOf({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [diagnostic('error', 'cedar/syntax', 'bad'), warning] } })).toBe(
      'Validation failed: 1 error, 1 warning.',
    );
    expect(summaryOf({ mode: 'validate', denyWarnings: true, checks: { diagnostics: [warning] } })).toBe('Validation failed: 0 errors, 1 warning.');
    expect(summaryOf({ mode: 'offline', denyWarnings: false, checks: { diagnostics: [], tests: failing } })).toBe(
      'Offline checks only (pull request from a fork, no live plan). Tests failed: 1 passed, 1 failed.',
    );
    expect(summaryOf({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [] }, plan: unreachablePlan() })).toBe(
      'Not planned: engine Main could not be read. No changes in the engines that were read. 1 error: this plan cannot be applied.',
    );
    expect(summaryOf({ mode: 'refuse', denyWarnings: false, refused: 'apply runs only on the default branch' })).toBe('Refused: apply runs only on the default branch.');
  });

  it('an unchanged plan with plan errors says it cannot be applied', () => {
    const plan = { ...creatingPlan(0), errors: [diagnostic('error', 'plan/version-lower', 'lower'), diagnostic('error', 'plan/version-lower', 'lower')] };
    expect(summaryOf({ mode: 'plan', denyWarnings: false, plan })).toBe('No changes. Live engines match the repository. 2 errors: this plan cannot be applied.');
  });
});

describe('apply', () => {
  const done = finishedReport([{ engine: 'Main', file: 'engines/main.yaml', outcome: 'applied', steps: [{ phase: 'permits-created', type: 'create-policy', name: 'A', status: 'done', reasons: [] }] }]);

  it('exits 0 when applied or unchanged, 1 when refused or failed, and says what apply said', () => {
    const plan = creatingPlan(1);
    expect(exitCodeOf({ mode: 'apply', denyWarnings: false, apply: done, plan })).toBe(0);
    expect(summaryOf({ mode: 'apply', denyWarnings: false, apply: done, plan })).toBe('Apply complete! Resources: 1 added, 0 changed, 0 destroyed.');
    const refused = refusedReport([diagnostic('error', 'apply/stale-plan', 'policy A was updated')]);
    expect(exitCodeOf({ mode: 'apply', denyWarnings: false, apply: refused })).toBe(1);
    expect(summaryOf({ mode: 'apply', denyWarnings: false, apply: refused })).toBe('Apply refused: nothing was changed. 1 error, 0 warnings.');
  });

  it('annotates the errors a refused apply repeats from its plan once', () => {
    const planError = diagnostic('error', 'plan/version-not-bumped', 'bump');
    const blocked = diagnostic('error', 'apply/plan-has-errors', 'cannot apply');
    const plan = { ...creatingPlan(1), errors: [planError] };
    expect(annotationsOf({ mode: 'apply', denyWarnings: false, plan, apply: refusedReport([planError, blocked]) })).toEqual([planError, blocked]);
  });
});

describe('annotationsOf', () => {
  it('puts failed test cases on the line that declares them, beside validation and plan findings', () => {
    const planError = diagnostic('error', 'plan/version-not-bumped', 'bump the version', 9);
    const plan = { ...creatingPlan(1), errors: [planError] };
    const annotations = annotationsOf({ mode: 'plan', denyWarnings: false, checks: { diagnostics: [warning], tests: failing }, plan });
    expect(annotations).toEqual([
      warning,
      {
        severity: 'error',
        code: 'test/failed',
        message: 'refund over 500 [Main]: expected allow, got deny',
        file: 'policies/business_rules/refunds.test.yaml',
        line: 11,
        column: 3,
      },
      planError,
    ]);
  });
});
