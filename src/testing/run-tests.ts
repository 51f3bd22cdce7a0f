// `test`: evaluates every authorization test case with Cedar's authorizer against each engine's enabled policies
// (variables filled, claims as entity tags as AgentCore sends them), and reports which enabled policies no case
// exercised. Pure over a validated repository: no I/O.
import { mayApplyToAction } from '../cedar/action-scope.js';
import { createAuthorizer, type Authorizer } from '../cedar/authorize.js';
import { buildCedarSchema } from '../cedar/schema.js';
import { readPolicyShape } from '../cedar/tokens.js';
import type { EngineSpec, Repository, TestCase, ToolSpec } from '../model.js';
import { policiesOf, toolsOf } from '../repository/membership.js';
import { fillPlain, fillVariables, noSuchVariable } from '../repository/variables.js';
import { plural } from '../text.js';

export interface CaseResult {
  name: string;
  engine: string;
  expect: 'allow' | 'deny';
  actual: 'allow' | 'deny' | 'error';
  reasons: string[];
  passed: boolean;
  /** Why it failed, when it did. */
  message?: string;
  declaredAt: TestCase['declaredAt'];
}

export interface TestReport {
  passed: number;
  failed: number;
  cases: CaseResult[];
  /** Enabled policies per engine that no case saw decide anything. */
  uncovered: { engine: string; policies: string[] }[];
}

interface PreparedEngine {
  engine: EngineSpec;
  /** The authorizer for one action, made on first use. */
  authorizerFor: (action: string) => Authorizer | { issues: { message: string }[] };
  actions: ReadonlyMap<string, ToolSpec>;
  policies: string[];
}

export function runTests(repository: Repository, engines: EngineSpec[]): TestReport {
  const prepared = engines.map((engine, index) => prepare(repository, engine, index));
  const cases: CaseResult[] = [];
  const exercised = new Set<string>();
  for (const test of repository.tests) {
    const targets = prepared.filter((p) => (test.engine === undefined ? p.actions.has(test.action) : p.engine.name === test.engine));
    if (targets.length === 0 && (test.engine === undefined || engines.some((e) => e.name === test.engine))) {
      cases.push(failure(test, '-', `no engine has a tool for action ${test.action}`));
    }
    for (const target of targets) {
      const result = runCase(test, target);
      for (const reason of result.reasons) exercised.add(`${target.engine.name}/${reason}`);
      cases.push(result);
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

/** Each action gets only the policies whose scope can match it (see mayApplyToAction), at a fraction of the cost
 * of the whole set for large sets. */
function prepare(repository: Repository, engine: EngineSpec, index: number): PreparedEngine {
  const enabled = policiesOf(repository, engine).filter((p) => p.enabled);
  const filled = enabled.map((p) => {
    const text = fillVariables(p.source, engine.variables).text;
    return { name: p.name, text, action: readPolicyShape(text)?.action };
  });
  const schema = buildCedarSchema(engine.gateways);
  const authorizers = new Map<string, ReturnType<PreparedEngine['authorizerFor']>>();
  const authorizerFor = (action: string) => {
    let authorizer = authorizers.get(action);
    if (!authorizer) {
      const texts = Object.fromEntries(filled.filter((p) => mayApplyToAction(p.action, action)).map((p) => [p.name, p.text]));
      // One cedar-wasm cache slot per engine position and action keeps its memory bounded however often tests run.
      authorizer = createAuthorizer(`test-${index}-${action}`, texts, schema);
      authorizers.set(action, authorizer);
    }
    return authorizer;
  };
  return { engine, authorizerFor, actions: toolsOf(engine), policies: enabled.map((p) => p.name) };
}

function runCase(test: TestCase, target: PreparedEngine): CaseResult {
  const { engine } = target;
  const authorize = target.authorizerFor(test.action);
  if (typeof authorize !== 'function') return failure(test, engine.name, `policies of ${engine.name} do not load: ${authorize.issues[0]?.message}`);
  const resource = resolveResource(test, engine);
  if ('error' in resource) return failure(test, engine.name, resource.error);
  const inputSchema = target.actions.get(test.action)?.inputSchema;
  const answer = authorize({ principal: test.principal, action: test.action, resource: resource.arn, input: test.input, inputSchema });
  if (!answer.ok) return failure(test, engine.name, `request rejected: ${answer.issues.map((i) => i.message).join('; ')}`);
  const problems: string[] = [];
  if (answer.decision !== test.expect) problems.push(`expected ${test.expect}, got ${answer.decision}`);
  if (test.reasons && !sameSet(test.reasons, answer.reasons)) {
    problems.push(`expected reasons [${[...test.reasons].sort().join(', ')}], got [${answer.reasons.join(', ')}]`);
  }
  for (const error of answer.errors) problems.push(`policy ${error.policy} errored: ${error.message}`);
  return {
    name: test.name,
    engine: engine.name,
    expect: test.expect,
    actual: answer.decision,
    reasons: answer.reasons,
    passed: problems.length === 0,
    message: problems.length > 0 ? problems.join('; ') : undefined,
    declaredAt: test.declaredAt,
  };
}

function resolveResource(test: TestCase, engine: EngineSpec): { arn: string } | { error: string } {
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

function sameSet(a: string[], b: string[]): boolean {
  const left = [...new Set(a)].sort();
  const right = [...new Set(b)].sort();
  return left.length === right.length && left.every((v, i) => v === right[i]);
}
