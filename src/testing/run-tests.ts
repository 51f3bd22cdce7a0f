// `test`: evaluates every authorization test case with Cedar's authorizer against each engine's enabled policies
// (variables filled, claims as entity tags as AgentCore sends them), and reports which enabled policies no case
// exercised. A LOG_ONLY policy decides nothing live (as in src/plan/access.ts), so a case is decided by the ACTIVE
// policies alone, and the report says which LOG_ONLY policies would have changed its decision (log-only.ts).
// Pure over a validated repository: no I/O.
import type { AuthorizationRequest } from '../cedar/authorize.js';
import type { EngineSpec, Repository, TestCase } from '../model.js';
import { fillPlain, noSuchVariable } from '../repository/variables.js';
import { plural } from '../text.js';
import { logOnlyEffect, type LogOnlyEffect } from './log-only.js';
import { prepareEngine, type PreparedEngine } from './prepare.js';

export type { LogOnlyEffect };

export interface CaseResult {
  name: string;
  engine: string;
  expect: 'allow' | 'deny';
  actual: 'allow' | 'deny' | 'error';
  reasons: string[];
  passed: boolean;
  /** Why it failed, when it did. */
  message?: string;
  /** Present when a LOG_ONLY policy, were it ACTIVE, would decide the case otherwise: that decision, and the
   * LOG_ONLY policies that would each make it. */
  logOnly?: LogOnlyEffect;
  declaredAt: TestCase['declaredAt'];
}

export interface TestReport {
  passed: number;
  failed: number;
  cases: CaseResult[];
  /** Enabled policies per engine that no case exercised: an ACTIVE policy when it decided a case (among its
   * reasons), a LOG_ONLY policy, which decides nothing, when a case matched it (its scope and conditions held). */
  uncovered: { engine: string; policies: string[] }[];
}

export function runTests(repository: Repository, engines: EngineSpec[]): TestReport {
  const prepared = engines.map((engine, index) => prepareEngine(repository, engine, index));
  const cases: CaseResult[] = [];
  const exercised = new Set<string>();
  for (const test of repository.tests) {
    const targets = prepared.filter((p) => (test.engine === undefined ? p.actions.has(test.action) : p.engine.name === test.engine));
    if (targets.length === 0 && (test.engine === undefined || engines.some((e) => e.name === test.engine))) {
      cases.push(failure(test, '-', `no engine has a tool for action ${test.action}`));
    }
    for (const target of targets) {
      const result = runCase(test, target);
      for (const reason of result.case.reasons) exercised.add(`${target.engine.name}/${reason}`);
      for (const reason of result.logOnlyMatched) exercised.add(`${target.engine.name}/${reason}`);
      cases.push(result.case);
    }
  }
  const passed = cases.filter((c) => c.passed).length;
  return {
    passed,
    failed: cases.length - passed,
    cases,
    uncovered: prepared
      .map((p) => ({ engine: p.engine.name, policies: p.policies.filter((name) => !exercised.has(`${p.engine.name}/${name}`)) }))
      .filter((u) => u.policies.length > 0),
  };
}

interface CaseRun {
  case: CaseResult;
  /** The LOG_ONLY policies the case matched (for coverage). */
  logOnlyMatched: string[];
}

function runCase(test: TestCase, target: PreparedEngine): CaseRun {
  const { engine } = target;
  const failed = (message: string): CaseRun => ({ case: failure(test, engine.name, message), logOnlyMatched: [] });
  const authorize = target.active(test.action);
  if (typeof authorize !== 'function') return failed(`policies of ${engine.name} do not load: ${authorize.issues[0]?.message}`);
  const resource = resolveResource(test, engine);
  if ('error' in resource) return failed(resource.error);
  // The tool's input schema makes a whole number of a `number` input a decimal, as the gateway sends it.
  const inputSchema = target.actions.get(test.action)?.inputSchema;
  const request: AuthorizationRequest = { principal: test.principal, action: test.action, resource: resource.arn, input: test.input, ...(inputSchema && { inputSchema }) };
  const answer = authorize(request);
  if (!answer.ok) return failed(`request rejected: ${answer.issues.map((i) => i.message).join('; ')}`);
  const problems = expectationProblems(test, answer, target.logOnlyPolicies);
  const matched = { permits: logOnlyMatches(target, request, 'permit'), forbids: logOnlyMatches(target, request, 'forbid') };
  const logOnly = logOnlyEffect(answer, matched);
  return {
    case: {
      name: test.name,
      engine: engine.name,
      expect: test.expect,
      actual: answer.decision,
      reasons: answer.reasons,
      passed: problems.length === 0,
      message: problems.length > 0 ? problems.join('; ') : undefined,
      ...(logOnly ? { logOnly } : {}),
      declaredAt: test.declaredAt,
    },
    logOnlyMatched: [...matched.permits, ...matched.forbids],
  };
}

/** How a decision misses what the case expects (none when it passes): the decision, the determining policies when
 * the case names them (`reasons` undefined: not known, not checked), and the policies that errored. */
export function expectationProblems(
  test: TestCase,
  answer: { decision: 'allow' | 'deny'; reasons?: string[]; errors: { policy: string; message: string }[] },
  logOnlyPolicies: ReadonlySet<string>,
): string[] {
  const problems: string[] = [];
  if (answer.decision !== test.expect) problems.push(`expected ${test.expect}, got ${answer.decision}`);
  if (test.reasons && answer.reasons && !sameSet(test.reasons, answer.reasons)) {
    const silent = test.reasons.filter((name) => logOnlyPolicies.has(name));
    const why = silent.length > 0 ? ` (${silent.join(', ')}: LOG_ONLY, decides nothing)` : '';
    problems.push(`expected reasons [${[...test.reasons].sort().join(', ')}], got [${answer.reasons.join(', ')}]${why}`);
  }
  for (const error of answer.errors) problems.push(`policy ${error.policy} errored: ${error.message}`);
  return problems;
}

/** The LOG_ONLY policies of one effect that match the request: Cedar's reasons over a set of that effect alone
 * (permits only: the ones that allow; forbids only: the ones that deny). */
function logOnlyMatches(target: PreparedEngine, request: AuthorizationRequest, effect: 'permit' | 'forbid'): string[] {
  const authorize = target.logOnly(request.action, effect);
  const answer = typeof authorize === 'function' ? authorize(request) : undefined;
  return answer?.ok ? answer.reasons : [];
}

/** The gateway a case calls through: its `resource` with variables filled, or the engine's only gateway. */
export function resolveResource(test: TestCase, engine: EngineSpec): { arn: string } | { error: string } {
  if (test.resource === undefined) {
    if (engine.gateways.length === 1) return { arn: engine.gateways[0]!.arn };
    return { error: `engine ${engine.name} has ${plural(engine.gateways.length, 'gateway')}; say which with resource:` };
  }
  const filled = fillPlain(test.resource, engine.variables);
  if (filled.unknown.length > 0) return { error: `unknown variable {{${filled.unknown[0]}}} in resource: ${noSuchVariable(filled.unknown[0]!, engine)}` };
  return { arn: filled.text };
}

function failure(test: TestCase, engine: string, message: string): CaseResult {
  return { name: test.name, engine, expect: test.expect, actual: 'error', reasons: [], passed: false, message, declaredAt: test.declaredAt };
}

/** Whether two lists hold the same names, in any order. */
export function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}
