import { describe, expect, it } from 'vitest';
import { createAuthorizer } from '../cedar/authorize.js';
import { buildCedarSchema } from '../cedar/schema.js';
import type { EngineSpec, PolicySpec, Repository, TestCase } from '../model.js';
import { runTests } from './run-tests.js';

const GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/gw-1';
const tool = (name: string) => ({ name, inputSchema: { type: 'object' as const, properties: { n: { type: 'integer' as const } }, required: ['n'] } });
const engine: EngineSpec = {
  file: 'engines/e.yaml',
  name: 'E',
  region: 'us-west-2',
  groups: ['business_rules'],
  prune: false,
  variables: {},
  gateways: [{ arn: GATEWAY, mode: 'ENFORCE', authorizerType: 'CUSTOM_JWT', targets: [{ name: 'T', tools: [tool('a'), tool('b')] }] }],
};
const at = { file: 'x', line: 1, column: 1 };

function policy(name: string, source: string): PolicySpec {
  return { name, group: 'business_rules', file: `policies/business_rules/${name}.cedar`, declaredAt: at, version: '1.0.0', description: name, enabled: true, enforcementMode: 'ACTIVE', validationMode: 'FAIL_ON_ANY_FINDINGS', source };
}

// Scopes of every kind the runner narrows by: one tool, a list, the target group, and every action.
const policies = [
  policy('PermitA', 'permit (principal, action == AgentCore::Action::"T___a", resource);'),
  policy('PermitListB', 'permit (principal, action in [AgentCore::Action::"T___b"], resource) when { context.input.n > 5 };'),
  policy('ForbidTarget', 'forbid (principal, action in AgentCore::Action::"T", resource) when { context.input.n == 13 };'),
  policy('ForbidAll', 'forbid (principal, action, resource) when { context.input.n == 666 };'),
];

const cases: [string, number, 'allow' | 'deny', string[]][] = [
  ['a', 1, 'allow', ['PermitA']],
  ['b', 1, 'deny', []],
  ['b', 6, 'allow', ['PermitListB']],
  ['a', 13, 'deny', ['ForbidTarget']],
  ['b', 666, 'deny', ['ForbidAll']],
];

function testCase([toolName, n, expect]: (typeof cases)[number]): TestCase {
  return { name: `${toolName} ${n}`, principal: { type: 'OAuthUser', id: 'u', tags: {} }, action: `T___${toolName}`, input: { n }, expect, declaredAt: at };
}

describe('runTests', () => {
  const repository: Repository = { root: '/r', engines: [engine], policies, tests: cases.map(testCase) };

  it('decides each case as the whole policy set does, though each action sees only the policies that can match it', () => {
    const whole = createAuthorizer('whole-set', Object.fromEntries(policies.map((p) => [p.name, p.source])), buildCedarSchema(engine.gateways));
    if (typeof whole !== 'function') throw new Error(JSON.stringify(whole.issues));
    const report = runTests(repository, [engine]);
    expect(report.failed).toBe(0);
    for (const [index, result] of report.cases.entries()) {
      const test = repository.tests[index]!;
      const reference = whole({ principal: test.principal, action: test.action, resource: GATEWAY, input: test.input });
      expect(reference).toMatchObject({ ok: true, decision: cases[index]![2], reasons: cases[index]![3] });
      expect(result).toMatchObject({ actual: cases[index]![2], reasons: cases[index]![3], passed: true });
    }
  });

  it('reports the enabled policies no case exercised', () => {
    const report = runTests({ ...repository, tests: repository.tests.slice(0, 2) }, [engine]);
    expect(report.uncovered).toEqual([{ engine: 'E', policies: ['PermitListB', 'ForbidTarget', 'ForbidAll'] }]);
  });
});

describe('runTests with LOG_ONLY policies', () => {
  const logOnly = (spec: PolicySpec): PolicySpec => ({ ...spec, enforcementMode: 'LOG_ONLY' });
  const run = (set: PolicySpec[], tests: TestCase[]) => runTests({ root: '/r', engines: [engine], policies: set, tests }, [engine]);
  const call = (toolName: string, n: number, expect: 'allow' | 'deny', reasons?: string[]): TestCase => ({ ...testCase([toolName, n, expect, []]), ...(reasons ? { reasons } : {}) });

  it('decides by the ACTIVE policies alone: a LOG_ONLY permit grants nothing', () => {
    const report = run([logOnly(policies[0]!)], [call('a', 1, 'allow')]);
    expect(report.cases[0]).toMatchObject({ actual: 'deny', reasons: [], passed: false, message: 'expected allow, got deny', logOnly: { decision: 'allow', policies: ['PermitA'] } });
  });

  it('decides by the ACTIVE policies alone: a LOG_ONLY forbid takes nothing away, and says it would have', () => {
    const canary = logOnly(policy('CanaryForbid', 'forbid (principal, action, resource) when { context.input.n > 3 };'));
    const report = run([policies[0]!, canary], [call('a', 4, 'allow', ['PermitA']), call('a', 2, 'allow'), call('b', 4, 'deny')]);
    expect(report.failed).toBe(0);
    expect(report.cases.map((c) => c.logOnly)).toEqual([{ decision: 'deny', policies: ['CanaryForbid'] }, undefined, undefined]);
  });

  it('names every LOG_ONLY policy that makes the other decision, and none when they agree with the ACTIVE ones', () => {
    const canaries = [logOnly(policy('CanaryOne', 'permit (principal, action, resource) when { context.input.n > 10 };')), logOnly(policy('CanaryTwo', 'permit (principal, action == AgentCore::Action::"T___b", resource);'))];
    const report = run([policies[1]!, ...canaries], [call('b', 11, 'allow'), call('b', 7, 'allow')]);
    expect(report.cases[0]).toMatchObject({ actual: 'allow', reasons: ['PermitListB'] });
    expect(report.cases[0]!.logOnly).toBeUndefined();
    const denied = run(canaries, [call('b', 11, 'deny')]);
    expect(denied.cases[0]).toMatchObject({ actual: 'deny', passed: true, logOnly: { decision: 'allow', policies: ['CanaryOne', 'CanaryTwo'] } });
  });

  it('says a LOG_ONLY policy expected among the reasons decides nothing', () => {
    const report = run([logOnly(policies[0]!)], [call('a', 1, 'deny', ['PermitA'])]);
    expect(report.cases[0]!.message).toBe('expected reasons [PermitA], got [] (PermitA: LOG_ONLY, decides nothing)');
  });

  it('judges each LOG_ONLY policy alone beside the ACTIVE ones: an ACTIVE forbid leaves nothing to flip', () => {
    const canaryPermit = logOnly(policy('CanaryPermit', 'permit (principal, action, resource);'));
    const canaryForbid = logOnly(policy('CanaryForbid', 'forbid (principal, action, resource) when { context.input.n == 2 };'));
    const report = run([canaryPermit, canaryForbid, policies[3]!], [call('a', 2, 'deny'), call('a', 666, 'deny', ['ForbidAll'])]);
    expect(report.failed).toBe(0);
    expect(report.cases.map((c) => c.logOnly)).toEqual([{ decision: 'allow', policies: ['CanaryPermit'] }, undefined]);
  });

  it('counts a LOG_ONLY policy as exercised when a case matches it, whatever decided the case', () => {
    const canary = logOnly(policies[1]!);
    expect(run([canary, policies[3]!], [call('b', 1, 'deny')]).uncovered).toEqual([{ engine: 'E', policies: ['PermitListB', 'ForbidAll'] }]);
    expect(run([canary, policies[3]!], [call('b', 6, 'deny')]).uncovered).toEqual([{ engine: 'E', policies: ['ForbidAll'] }]);
    // ForbidAll decides this one, and the canary's conditions hold too.
    expect(run([canary, policies[3]!], [call('b', 666, 'deny')]).uncovered).toEqual([]);
  });
});

describe('a variable inside a like pattern', () => {
  const noted = {
    ...engine,
    variables: { prefix: 'A*' },
    gateways: [{ ...engine.gateways[0]!, targets: [{ name: 'T', tools: [{ name: 'a', inputSchema: { type: 'object' as const, properties: { note: { type: 'string' as const } }, required: ['note'] } }] }] }],
  };
  const permit = policy('PermitPrefixed', 'permit (principal, action == AgentCore::Action::"T___a", resource) when { context.input.note like "{{prefix}}*" };');

  it.each([
    ['A*1', 'allow'],
    ['A*', 'allow'],
    ['AB1', 'deny'],
    ['A', 'deny'],
  ] as const)('its * is a star, not a wildcard: %s is %s', (note, decision) => {
    const test: TestCase = { name: note, principal: { type: 'OAuthUser', id: 'u', tags: {} }, action: 'T___a', input: { note }, expect: decision, declaredAt: at };
    const report = runTests({ root: '/r', engines: [noted], policies: [permit], tests: [test] }, [noted]);
    expect(report.cases.map((c) => c.actual)).toEqual([decision]);
  });
});
