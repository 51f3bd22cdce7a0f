import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseGatewayArn } from '../arn.js';
import { POLICY_LINTS } from '../diagnostic-codes.js';
import engineSchema from '../../schemas/engine.schema.json' with { type: 'json' };
import policiesSchema from '../../schemas/policies.schema.json' with { type: 'json' };
import testsSchema from '../../schemas/tests.schema.json' with { type: 'json' };
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };
import { MAX_SCHEMA_DIAGNOSTICS, parseYaml } from './yaml-file.js';

const ENGINE = 'name: A\nregion: us-west-2\ngroups: [emergency]\ngateways: []\n';

function diagnostics(text: string, schema: 'engine' | 'policies' | 'tests' = 'engine') {
  const result = parseYaml('f.yaml', text, schema);
  return result.ok ? [] : result.diagnostics;
}

describe('duplicate keys', () => {
  it.each([
    ['a top-level key', `${ENGINE}region: us-east-1\n`, 5],
    ['a key of a nested block map', `${ENGINE}variables:\n  a: x\n  b: y\n  a: z\n`, 8],
    ['a key of a flow map', `${ENGINE}variables: { a: x, a: y }\n`, 5],
    ['a key in a map inside a list', 'policies:\n  - name: A\n    file: a.cedar\n    name: B\n', 4],
    ['a number and a string that become one property', `${ENGINE}variables:\n  1: x\n  "1": y\n`, 7],
  ])('%s is reported where it is set again, naming the first line', (_, text, line) => {
    const found = diagnostics(text, text.startsWith('policies') ? 'policies' : 'engine');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'repository/duplicate-key', line });
    expect(found[0]!.message).toMatch(/^duplicate key "[^"]+": it is already set on line \d+$/);
  });

  it('reports every duplicate of a map with tens of thousands of keys, and none where keys are unique', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: x`);
    expect(diagnostics(`${ENGINE}variables:\n${keys.join('\n')}\n`)).toEqual([]);
    const repeated = [...keys, '  k7: again', '  k19999: again'];
    expect(diagnostics(`${ENGINE}variables:\n${repeated.join('\n')}\n`).map((d) => d.message)).toEqual([
      'duplicate key "k7": it is already set on line 13',
      'duplicate key "k19999": it is already set on line 20005',
    ]);
  });

  it('does not take the same key in two maps for a duplicate', () => {
    expect(diagnostics('policies:\n  - { name: A, file: a.cedar, version: 1.0.0, description: a }\n  - { name: B, file: b.cedar, version: 1.0.0, description: b }\n', 'policies')).toEqual([]);
  });
});

describe('many schema errors in one file', () => {
  it('locates each at its own key or value, and lists at most a bounded number', () => {
    const values = Array.from({ length: 30 }, (_, i) => `  v${i}: ${i}`);
    const found = diagnostics(`${ENGINE}variables:\n${values.join('\n')}\n`);
    expect(found.map((d) => [d.message, d.line, d.column])).toEqual(values.map((_, i) => [`variables.v${i} must be string`, 6 + i, 6 + String(i).length]));

    const keys = Array.from({ length: MAX_SCHEMA_DIAGNOSTICS + 50 }, (_, i) => `    k${i}: x`);
    const flooded = diagnostics(`policies:\n  - name: A\n    file: a.cedar\n    version: 1.0.0\n    description: d\n${keys.join('\n')}\n`, 'policies');
    expect(flooded).toHaveLength(MAX_SCHEMA_DIAGNOSTICS + 1);
    expect(flooded.slice(0, 3).map((d) => [d.code, d.line, d.column])).toEqual([6, 7, 8].map((line) => ['repository/unknown-key', line, 5]));
    expect(flooded.at(-1)).toMatchObject({ code: 'repository/schema', message: 'f.yaml has 50 more schema errors after this one, not listed; fix these first' });
  });
});

/** Every `pattern` of a schema, with its path and the words the schema gives it. */
function patterns(node: unknown, path = ''): { path: string; pattern: string; words: unknown }[] {
  if (typeof node !== 'object' || node === null) return [];
  const own = node as Record<string, unknown>;
  const here = typeof own.pattern === 'string' ? [{ path, pattern: own.pattern, words: own.patternErrorMessage }] : [];
  return [...here, ...Object.entries(own).flatMap(([key, value]) => patterns(value, `${path}/${key}`))];
}

describe('schema rules in words', () => {
  const all = [engineSchema, policiesSchema, testsSchema, planSchema].flatMap((schema) => patterns(schema));

  it('every pattern of the published schemas says its rule in words, with an example', () => {
    expect(all.length).toBeGreaterThanOrEqual(14);
    for (const { path, words } of all) {
      expect(typeof words, path).toBe('string');
      expect(words as string, path).toMatch(/\(e\.g\. [^)]+\)/);
    }
  });

  it.each([
    ['an engine name', ENGINE.replace('name: A', 'name: 1A'), /^name must start with a letter .*\(e\.g\. CustomerService_prod\)$/],
    ['a region', ENGINE.replace('us-west-2', 'uswest2'), /^region must be an AWS Region code \(e\.g\. us-west-2\)$/],
    ['a variable name', `${ENGINE}variables:\n  refund-gateway: x\n`, /^key "refund-gateway" in variables: a variable name must start with a letter/],
    ['a target name', ENGINE.replace('gateways: []', 'gateways:\n  - arn: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/gw-abcdefghij\n    mode: ENFORCE\n    targets: [{ name: Refund_Target, tools: [] }]'), /targets\[0\] \(Refund_Target\)\.name must be up to 100 letters and digits/],
    ['a test action', '- { name: t, principal: { type: OAuthUser, id: u }, action: process_refund, expect: allow }\n', /^\[0\] \(t\)\.action must be a tool action: .*\(e\.g\. RefundTarget___process_refund\)$/],
    ['a policy file', 'policies:\n  - { name: A, file: a.txt, version: 1.0.0, description: a }\n', /file must name a file ending in \.cedar/],
  ])('%s', (_, text, message) => {
    const schema = text.startsWith('- ') ? 'tests' : text.startsWith('policies') ? 'policies' : 'engine';
    const found = diagnostics(text, schema);
    expect(found.map((d) => d.message)).toEqual([expect.stringMatching(message)]);
    expect(found[0]!.message).not.toMatch(/pattern|\^|\$"/);
  });

  it('suggests the closest allowed value of an enum', () => {
    expect(diagnostics(ENGINE.replace('[emergency]', '[emergncy]')).map((d) => d.message)).toEqual([expect.stringMatching(/must be one of .*; did you mean "emergency"\?$/)]);
    expect(diagnostics(ENGINE.replace('[emergency]', '[x]')).map((d) => d.message)).toEqual([expect.not.stringMatching(/did you mean/)]);
  });

  it('the lints a manifest may ignore are the policy lints', () => {
    const ignore = policiesSchema.properties.policies.items.properties.lints.properties.ignore.items.enum;
    expect(ignore).toEqual([...POLICY_LINTS]);
  });
});

describe('gateway ARNs', () => {
  const pattern = new RegExp(engineSchema.definitions.gateway.properties.arn.pattern, 'u');
  const withArn = (arn: string) => ENGINE.replace('gateways: []', `gateways:\n  - arn: ${arn}\n    mode: ENFORCE\n    targets: []`);

  it("the schema accepts exactly the ARNs the client can read a gateway id from", () => {
    const piece = (chars: string, max: number) => fc.stringMatching(new RegExp(`^[${chars}]{0,${max}}$`));
    const arn = fc
      .tuple(fc.constantFrom('aws', 'aws-cn', 'aws-us-gov', 'awsx', 'aws-'), fc.constantFrom('us-west-2', 'eu-central-1', 'US'), fc.constantFrom('123456789012', '12345'), piece('a-z0-9-', 24), fc.constantFrom('', '-', '-a1b2c3d4e5', '-A1B2C3D4E5', '-a1b2c3d4e', 'a1b2c3d4e5'))
      .map(([partition, region, account, name, suffix]) => `arn:${partition}:bedrock-agentcore:${region}:${account}:gateway/${name}${suffix}`);
    fc.assert(
      fc.property(arn, (text) => {
        expect(pattern.test(text), text).toBe(parseGatewayArn(text) !== undefined);
      }),
      { numRuns: 2000, seed: 20261201 },
    );
  });

  it.each([
    ['the seed guide\'s illustrative ARN, without the id suffix', 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway'],
    ['a suffix one character short', 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e'],
    ['an upper-case id', 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/Refund-Gateway-A1B2C3D4E5'],
    ['another service', 'arn:aws:s3:::bucket/refund'],
  ])('%s is an error in words, with a real id as the example', (_, arn) => {
    const found = diagnostics(withArn(arn));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ code: 'repository/schema', line: 5 });
    expect(found[0]!.message).toContain('gateways[0].arn must be a gateway ARN');
    expect(found[0]!.message).toContain('e.g. arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5');
    expect(found[0]!.message).not.toContain('[0-9a-z]');
  });

  it('accepts a gateway id as AgentCore makes them', () => {
    expect(diagnostics(withArn('arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5'))).toEqual([]);
  });
});
