import { describe, expect, it } from 'vitest';
import type { TestCase } from '../model.js';
import { caseKey, gatewayReport, type EngineRun, type GatewayOutcome } from './gateway-report.js';
import { renderGatewayTestReport } from './render-gateway.js';
import type { CaseResult, TestReport } from './run-tests.js';

const at = (line: number) => ({ file: 'policies/business_rules/refunds.test.yaml', line, column: 1 });

function test(line: number, expect: 'allow' | 'deny', reasons?: string[]): TestCase {
  return { name: `case ${line}`, principal: { type: 'OAuthUser', id: 'u', tags: {} }, action: 'T___a', input: {}, expect, ...(reasons && { reasons }), declaredAt: at(line) };
}

function offlineCase(t: TestCase, actual: CaseResult['actual'], reasons: string[], engine = 'Local'): CaseResult {
  const passed = actual === t.expect;
  return { name: t.name, engine, expect: t.expect, actual, reasons, passed, ...(!passed && { message: `expected ${t.expect}, got ${actual}` }), declaredAt: t.declaredAt };
}

function offlineReport(cases: CaseResult[]): TestReport {
  const passed = cases.filter((c) => c.passed).length;
  return { passed, failed: cases.length - passed, cases, uncovered: [] };
}

const decided = (decision: 'allow' | 'deny', reasons: string[] | null, extra: Partial<GatewayOutcome> = {}): GatewayOutcome => ({ decision, reasons, logOnlyMatched: [], errors: [], ...extra }) as GatewayOutcome;

function run(outcomes: [TestCase, GatewayOutcome][], policies = ['Permit', 'Forbid', 'Canary'], engine = 'Local'): EngineRun {
  return { engine, policies, logOnlyPolicies: new Set(['Canary']), outcomes: new Map(outcomes.map(([t, o]) => [caseKey(t.declaredAt), o])) };
}

describe('gatewayReport', () => {
  const allow = test(1, 'allow', ['Permit']);
  const deny = test(2, 'deny', []);
  const forbidden = test(3, 'deny', ['Forbid']);
  const tests = [allow, deny, forbidden];
  const offline = offlineReport([offlineCase(allow, 'allow', ['Permit']), offlineCase(deny, 'deny', []), offlineCase(forbidden, 'deny', ['Forbid'])]);

  it('judges each case by what the gateway decided, with coverage from its reasons and the LOG_ONLY policies that matched', () => {
    const report = gatewayReport(
      offline,
      tests,
      [run([[allow, decided('allow', ['Permit'], { requestId: 'r-1' })], [deny, decided('deny', [], { logOnlyMatched: ['Canary'] })], [forbidden, decided('deny', ['Forbid'])]])],
      [],
    );
    expect(report).toMatchObject({ passed: 3, failed: 0, uncovered: [], coverageUnknown: [], disagreements: [], enginesNotRun: [] });
    expect(report.cases[0]).toMatchObject({ actual: 'allow', reasons: ['Permit'], passed: true, requestId: 'r-1' });
  });

  it('lists every case where the gateway decides otherwise than the offline evaluation, and fails those that miss expect', () => {
    const report = gatewayReport(offline, tests, [run([[allow, decided('deny', [])], [deny, decided('deny', [])], [forbidden, decided('deny', ['Permit'])]])], []);
    expect(report.failed).toBe(2);
    expect(report.cases[0]!.message).toBe('expected allow, got deny; expected reasons [Permit], got []');
    expect(report.disagreements.map((d) => [d.name, d.gateway, d.offline])).toEqual([
      ['case 1', { actual: 'deny', reasons: [] }, { actual: 'allow', reasons: ['Permit'] }],
      ['case 3', { actual: 'deny', reasons: ['Permit'] }, { actual: 'deny', reasons: ['Forbid'] }],
    ]);
    expect(report.uncovered).toEqual([{ engine: 'Local', policies: ['Forbid', 'Canary'] }]);
  });

  it('checks the decision alone where the gateway names no policy, and then knows no coverage', () => {
    const report = gatewayReport(offline, tests, [run([[allow, decided('allow', null)], [deny, decided('deny', [])], [forbidden, decided('deny', ['Forbid'])]])], []);
    expect(report.failed).toBe(0);
    expect(report.cases[0]).toMatchObject({ reasons: null, passed: true });
    expect(report.disagreements).toEqual([]);
    expect(report.coverageUnknown).toEqual(['Local']);
    expect(report.uncovered).toEqual([]);
  });

  it('fails a case the gateway gave no decision for, with why; a note says how an unexpected decision was read', () => {
    const report = gatewayReport(
      offline,
      tests,
      [run([[allow, { error: 'the gateway refused the call: HTTP 401: Unauthorized', requestId: 'r-9' }], [deny, decided('allow', [], { note: 'no such tool' })]])],
      [],
    );
    expect(report.cases.map((c) => [c.actual, c.passed, c.message])).toEqual([
      ['error', false, 'the gateway refused the call: HTTP 401: Unauthorized'],
      ['allow', false, 'expected deny, got allow; no such tool'],
      ['error', false, 'not sent to the gateway'],
    ]);
    expect(report.cases[0]!.requestId).toBe('r-9');
  });

  it('leaves out the cases of engines not run, and keeps offline failures that name no engine', () => {
    const orphan: CaseResult = { ...offlineCase(test(9, 'allow'), 'error', []), engine: '-', message: 'no engine has a tool for action T___z' };
    const elsewhere = offlineCase(test(4, 'deny'), 'deny', [], 'Prod');
    const report = gatewayReport(offlineReport([...offline.cases, elsewhere, orphan]), [...tests, test(4, 'deny')], [run([[allow, decided('allow', ['Permit'])], [deny, decided('deny', [])], [forbidden, decided('deny', ['Forbid'])]])], [{ engine: 'Prod', message: 'give --token-command' }]);
    expect(report.cases.map((c) => c.name)).toEqual(['case 1', 'case 2', 'case 3', 'case 9']);
    expect(report.enginesNotRun).toEqual([{ engine: 'Prod', message: 'give --token-command' }]);
  });
});

describe('renderGatewayTestReport', () => {
  const allow = test(1, 'allow', ['Permit']);
  const offline = offlineReport([offlineCase(allow, 'allow', ['Permit'])]);

  it("prints test's lines, then the agreement or each disagreement, and the engines not run", () => {
    const agreed = gatewayReport(offline, [allow], [run([[allow, decided('allow', ['Permit'])]], ['Permit'])], []);
    expect(renderGatewayTestReport(agreed, 'text')).toBe(
      'PASS  case 1 [Local]: allow\n\n1 passed, 0 failed\nCoverage: every enabled policy decided at least one case.\nThe gateways and the offline evaluation agree on every case.\n',
    );
    const differing = gatewayReport(offline, [allow], [run([[allow, decided('deny', [])]], ['Permit'])], [{ engine: 'Prod', message: 'give --token-command' }]);
    expect(renderGatewayTestReport(differing, 'text').split('\n').slice(-4)).toEqual([
      'The gateways and the offline evaluation disagree on 1 case:',
      '  case 1 [Local]: gateway deny [], offline allow [Permit]',
      'Not sent through the gateway: Prod: give --token-command',
      '',
    ]);
  });

  it("says coverage is not known where the gateway names no policy, and keeps test's JSON with unknown reasons as null", () => {
    const report = gatewayReport(offline, [allow], [run([[allow, decided('allow', null, { requestId: 'r-1' })]], ['Permit'])], []);
    expect(renderGatewayTestReport(report, 'text')).toContain('\nCoverage: Local: not known (the gateway names the policies that decided a denied call only)\n');
    expect(renderGatewayTestReport(report, 'text')).not.toContain('every enabled policy');
    expect(JSON.parse(renderGatewayTestReport(report, 'json'))).toEqual({
      passed: 1,
      failed: 0,
      cases: [{ name: 'case 1', engine: 'Local', expect: 'allow', actual: 'allow', reasons: null, passed: true, requestId: 'r-1' }],
      uncovered: [],
      coverageUnknown: ['Local'],
      disagreements: [],
      enginesNotRun: [],
    });
  });
});
