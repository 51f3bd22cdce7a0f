import { describe, expect, it } from 'vitest';
import type { EngineSpec, PolicySpec, Repository, TestCase } from '../model.js';
import { crossCheck } from './cross-checks.js';

const GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/gw-abcdefghij';
const engine = (name: string, file = `engines/${name}.yaml`): EngineSpec => ({
  file,
  name,
  region: 'us-west-2',
  groups: ['business_rules'],
  prune: false,
  variables: { gw: GATEWAY },
  gateways: [{ arn: GATEWAY, mode: 'ENFORCE', authorizerType: 'CUSTOM_JWT', targets: [{ name: 'T', tools: [{ name: 'a', inputSchema: { type: 'object', properties: { n: { type: 'integer' } } } }] }] }],
});
const at = (line: number) => ({ file: 'policies/business_rules/t.test.yaml', line, column: 3 });
const testCase = (name: string, extra: Partial<TestCase> = {}): TestCase => ({ name, principal: { type: 'OAuthUser', id: 'u', tags: {} }, action: 'T___a', input: {}, expect: 'allow', declaredAt: at(1), ...extra });
const policy = (name: string, engines?: string[]): PolicySpec => ({
  name,
  group: 'business_rules',
  file: `policies/business_rules/${name}.cedar`,
  declaredAt: { file: 'policies/business_rules/policies.yaml', line: 2, column: 5 },
  version: '1.0.0',
  description: name,
  enabled: true,
  enforcementMode: 'ACTIVE',
  validationMode: 'FAIL_ON_ANY_FINDINGS',
  ...(engines && { engines }),
  source: 'permit (principal, action, resource);',
});
const repo = (parts: Partial<Repository>): Repository => ({ root: '/r', engines: [], policies: [], tests: [], ...parts });

describe('crossCheck on a very large number of findings', () => {
  it('returns them all without overflowing the stack', () => {
    const input = Object.fromEntries(Array.from({ length: 70_000 }, (_, i) => [`x${i}`, i]));
    const found = crossCheck(repo({ engines: [engine('A'), engine('B')], tests: [testCase('flood', { input })] }));
    expect(found).toHaveLength(140_000);
    expect(found.every((d) => d.code === 'test/unknown-input')).toBe(true);
  });
});

describe('names of engines whose file has errors', () => {
  const damaged = { file: 'engines/broken.yaml', damaged: { file: 'engines/broken.yaml', name: 'Broken', groups: ['business_rules' as const] } };
  const unnamed = { file: 'engines/garbled.yaml' };

  it('a policy or a test naming a damaged engine is not blamed, and a test for it is counted as not checked', () => {
    const found = crossCheck(repo({ engines: [engine('A')], policies: [policy('P', ['Broken'])], tests: [testCase('t', { engine: 'Broken' })] }), [damaged]);
    expect(found.map((d) => [d.code, d.severity, d.message])).toEqual([
      ['test/not-checked', 'warning', '1 test case not checked: the engine files that may declare their engine have errors (engines/broken.yaml)'],
    ]);
  });

  it('a damaged engine still has its groups checked', () => {
    const elsewhere = { ...damaged, damaged: { ...damaged.damaged, groups: ['emergency' as const] } };
    expect(crossCheck(repo({ engines: [engine('A')], policies: [policy('P', ['Broken'])] }), [elsewhere]).map((d) => d.code)).toEqual(['validate/group-not-deployed']);
  });

  it('a damaged engine named like a loaded one is a duplicate', () => {
    const twin = { file: 'engines/copy.yaml', damaged: { file: 'engines/copy.yaml', name: 'A', groups: [] } };
    expect(crossCheck(repo({ engines: [engine('A')] }), [twin]).map((d) => [d.code, d.file])).toEqual([['validate/duplicate-engine', 'engines/copy.yaml']]);
  });

  it('when no engine loaded, tests are counted as not checked instead of blamed on an "undefined" engine', () => {
    const found = crossCheck(repo({ tests: [testCase('t1'), testCase('t2', { engine: 'A' })] }), [unnamed]);
    expect(found).toEqual([{ severity: 'warning', code: 'test/not-checked', message: '2 test cases not checked: the engine files that may declare their engine have errors (engines/garbled.yaml)', ...at(1) }]);
    expect(JSON.stringify(crossCheck(repo({ tests: [testCase('t1')] })))).not.toContain('undefined');
  });

  it('an unknown name says which engine files did not load', () => {
    const found = crossCheck(repo({ engines: [engine('Alpha')], policies: [policy('P', ['Alpah'])] }), [unnamed]);
    expect(found.map((d) => d.message)).toEqual(['policy P names engine Alpah, which no engine file that loaded (engines/garbled.yaml did not load) declares; did you mean "Alpha"?']);
  });

  it('with every engine file loaded, an unknown engine is still an error', () => {
    const found = crossCheck(repo({ engines: [engine('A')], policies: [policy('P', ['B'])], tests: [testCase('t', { engine: 'B' })] }));
    expect(found.map((d) => d.code)).toEqual(['repository/unknown-engine', 'repository/unknown-engine']);
  });
});

describe('test cases against Object.prototype names', () => {
  it('a resource {{constructor}} is an unknown variable at the case, and a required input named like one is still missing', () => {
    const withRequired = engine('A');
    withRequired.gateways[0]!.targets[0]!.tools[0]!.inputSchema = { type: 'object' as const, properties: { constructor: { type: 'string' as const } }, required: ['constructor'] };
    const found = crossCheck(repo({ engines: [withRequired], tests: [testCase('t', { resource: '{{constructor}}' })] }));
    expect(found.map((d) => [d.code, d.line])).toEqual([
      ['validate/unknown-variable', 1],
      ['test/missing-input', 1],
    ]);
  });
});
