// Run results for the action's unit tests: plans computed by the real planner over in-memory engines, and check
// results as the validator and the test runner report them.
import type { Diagnostic, DiagnosticCode } from '../../src/model.js';
import { planAll, unreachableEngine } from '../../src/plan/plan-all.js';
import { planEngine } from '../../src/plan/plan-engine.js';
import { desired, engine, live, options, permit } from './plan.js';
import type { Plan } from '../../src/plan/types.js';
import type { CaseResult, TestReport } from '../../src/testing/run-tests.js';

/** A plan that creates `count` permits on an existing engine. */
export function creatingPlan(count: number, name = (i: number) => `Policy${i}`): Plan {
  const policies = Array.from({ length: count }, (_, i) => desired(name(i), permit(`tool${i}`, ` when { context.input.amount < ${i} }`)));
  return planAll([planEngine(engine({ policies }), live(), options)]);
}

/** A plan whose only engine could not be read (an AWS error in its own section). */
export function unreachablePlan(code: DiagnosticCode = 'aws/AccessDenied', message = 'denied'): Plan {
  const error: Diagnostic = { severity: 'error', code, message, file: 'engines/main.yaml', engine: 'Main' };
  return planAll([unreachableEngine({ name: 'Main', file: 'engines/main.yaml' }, error)]);
}

export function diagnostic(severity: Diagnostic['severity'], code: DiagnosticCode, message: string, line = 3): Diagnostic {
  return { severity, code, message, file: 'policies/business_rules/policies.yaml', line, column: 5 };
}

export function testReport(cases: { name: string; passed: boolean; message?: string }[]): TestReport {
  const results: CaseResult[] = cases.map((c, i) => ({
    name: c.name,
    engine: 'Main',
    expect: 'allow',
    actual: c.passed ? 'allow' : 'deny',
    reasons: [],
    passed: c.passed,
    ...(c.message ? { message: c.message } : {}),
    declaredAt: { file: 'policies/business_rules/refunds.test.yaml', line: 1 + i * 10, column: 3 },
  }));
  const passed = results.filter((c) => c.passed).length;
  return { passed, failed: results.length - passed, cases: results, uncovered: [] };
}
