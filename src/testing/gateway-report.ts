// `test --gateway`: the report of the test cases as the live gateways decided them (the calls are made by
// src/run/test-gateway.ts), judged against `expect` as `test` judges the offline decisions, with coverage from what
// the gateways said decided, and the cases where a gateway and the offline evaluation disagree. Pure.
import type { TestCase } from '../model.js';
import { expectationProblems, sameSet, type CaseResult, type LogOnlyEffect, type TestReport } from './run-tests.js';

/** What a gateway decided for one case. `reasons` null: the gateway does not say (AWS answers an allowed call
 * without naming the policies that allowed it). */
export interface GatewayDecision {
  decision: 'allow' | 'deny';
  reasons: string[] | null;
  /** The LOG_ONLY policies that matched the call (known locally only), for coverage. */
  logOnlyMatched: string[];
  logOnly?: LogOnlyEffect;
  errors: { policy: string; message: string }[];
  /** The answer's `x-amzn-requestid`, the `request_id` of its decision record. */
  requestId?: string;
  /** Said in the message of a failed case: how the decision was read when not from a policy (an unknown tool). */
  note?: string;
}

/** A call that gave no decision: refused before any policy (401, 404), or an error other than a denial. */
export interface GatewayFailure {
  error: string;
  requestId?: string;
}

export type GatewayOutcome = GatewayDecision | GatewayFailure;

export interface GatewayCaseResult extends Omit<CaseResult, 'reasons'> {
  reasons: string[] | null;
  requestId?: string;
}

export interface Disagreement {
  name: string;
  engine: string;
  declaredAt: TestCase['declaredAt'];
  gateway: { actual: GatewayCaseResult['actual']; reasons: string[] | null };
  offline: { actual: CaseResult['actual']; reasons: string[] };
}

export interface GatewayTestReport {
  passed: number;
  failed: number;
  cases: GatewayCaseResult[];
  uncovered: TestReport['uncovered'];
  /** Engines whose gateways name the determining policies of denied calls only (AWS): no coverage is known there. */
  coverageUnknown: string[];
  disagreements: Disagreement[];
  /** Engines whose cases were not sent, and why. */
  enginesNotRun: { engine: string; message: string }[];
}

export interface EngineRun {
  engine: string;
  /** Every enabled policy of the engine, and the LOG_ONLY ones among them. */
  policies: string[];
  logOnlyPolicies: ReadonlySet<string>;
  /** By the case's `declaredAt` (see caseKey). */
  outcomes: ReadonlyMap<string, GatewayOutcome>;
}

export const caseKey = (declaredAt: TestCase['declaredAt']) => `${declaredAt.file}:${declaredAt.line}`;

/** `offline`: `test`'s report of the same cases; `tests`: the repository's cases; `runs`: the engines whose cases
 * went through their gateways. Cases of other engines are left out (they are in `enginesNotRun`), offline
 * failures that named no engine are kept as they are. */
export function gatewayReport(offline: TestReport, tests: readonly TestCase[], runs: readonly EngineRun[], enginesNotRun: GatewayTestReport['enginesNotRun']): GatewayTestReport {
  const byKey = new Map(tests.map((t) => [caseKey(t.declaredAt), t]));
  const runOf = new Map(runs.map((r) => [r.engine, r]));
  const exercised = new Set<string>();
  const unknownCoverage = new Set<string>();
  const cases: GatewayCaseResult[] = [];
  const disagreements: Disagreement[] = [];
  for (const offlineCase of offline.cases) {
    const run = runOf.get(offlineCase.engine);
    if (!run) {
      if (offlineCase.engine === '-') cases.push(offlineCase);
      continue;
    }
    const outcome = run.outcomes.get(caseKey(offlineCase.declaredAt));
    const test = byKey.get(caseKey(offlineCase.declaredAt));
    const result = judge(offlineCase, test, outcome, run);
    cases.push(result);
    if (outcome && 'decision' in outcome) {
      if (outcome.reasons === null) unknownCoverage.add(run.engine);
      for (const name of [...(outcome.reasons ?? []), ...outcome.logOnlyMatched]) exercised.add(`${run.engine}/${name}`);
    }
    if (result.actual !== offlineCase.actual || (result.reasons !== null && !sameSet(result.reasons, offlineCase.reasons))) {
      disagreements.push({
        name: offlineCase.name,
        engine: offlineCase.engine,
        declaredAt: offlineCase.declaredAt,
        gateway: { actual: result.actual, reasons: result.reasons },
        offline: { actual: offlineCase.actual, reasons: offlineCase.reasons },
      });
    }
  }
  const passed = cases.filter((c) => c.passed).length;
  const uncovered = runs
    .filter((r) => !unknownCoverage.has(r.engine))
    .map((r) => ({ engine: r.engine, policies: r.policies.filter((name) => !exercised.has(`${r.engine}/${name}`)) }))
    .filter((u) => u.policies.length > 0);
  return { passed, failed: cases.length - passed, cases, uncovered, coverageUnknown: [...unknownCoverage], disagreements, enginesNotRun };
}

function judge(offlineCase: CaseResult, test: TestCase | undefined, outcome: GatewayOutcome | undefined, run: EngineRun): GatewayCaseResult {
  const { name, engine, expect, declaredAt } = offlineCase;
  const failed = (message: string, requestId?: string): GatewayCaseResult => ({
    name,
    engine,
    expect,
    actual: 'error',
    reasons: [],
    passed: false,
    message,
    declaredAt,
    ...(requestId && { requestId }),
  });
  // A case the offline evaluation could not even form (an unknown variable in its resource) was not sent.
  if (!test || !outcome) return failed(offlineCase.message ?? 'not sent to the gateway');
  if ('error' in outcome) return failed(outcome.error, outcome.requestId);
  const problems = expectationProblems(test, { decision: outcome.decision, reasons: outcome.reasons ?? undefined, errors: outcome.errors }, run.logOnlyPolicies);
  if (problems.length > 0 && outcome.note) problems.push(outcome.note);
  return {
    name,
    engine,
    expect,
    actual: outcome.decision,
    reasons: outcome.reasons === null ? null : [...outcome.reasons].sort(),
    passed: problems.length === 0,
    ...(problems.length > 0 && { message: problems.join('; ') }),
    ...(outcome.logOnly && { logOnly: outcome.logOnly }),
    declaredAt,
    ...(outcome.requestId && { requestId: outcome.requestId }),
  };
}
