import { describe, expect, it } from 'vitest';
import type { EngineSpec } from '../model.js';
import { checkPolicyName, planGenerationWrite, type AssetToWrite, type GenerationWriteOptions } from './generation.js';

const GW = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
const engine: EngineSpec = {
  file: 'engines/main.yaml',
  name: 'Main',
  region: 'us-west-2',
  groups: ['business_rules'],
  prune: false,
  variables: { refund: GW },
  gateways: [
    {
      arn: GW,
      mode: 'ENFORCE',
      authorizerType: 'CUSTOM_JWT',
      targets: [{ name: 'RefundTarget', tools: [{ name: 'process_refund', inputSchema: { type: 'object', properties: { orderId: { type: 'string' }, amount: { type: 'integer' }, note: { type: 'string' } }, required: ['orderId', 'amount'] } }] }],
    },
  ],
};
const STATEMENT = `permit (principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${GW}") when { principal.hasTag("role") && principal.getTag("role") == "agent" && context.input.amount < 500 };`;
const options = (overrides: Partial<GenerationWriteOptions> = {}): GenerationWriteOptions => ({
  name: 'RefundLimit',
  group: 'business_rules',
  engine,
  gatewayArn: GW,
  force: false,
  declaredNames: new Set(),
  exists: () => false,
  sourceOf: (statement) => statement.replace(GW, '{{refund}}'),
  ...overrides,
});
const asset = (overrides: Partial<AssetToWrite> = {}): AssetToWrite => ({ assetId: 'a-1', fragment: 'Allow refunds under $500', statement: STATEMENT, findings: [{ type: 'VALID', description: '' }], ...overrides });

describe('checkPolicyName', () => {
  it('takes what the service takes and suggests a fixed name for the rest (pitfall 1)', () => {
    expect(checkPolicyName('RefundUnder500')).toBeUndefined();
    expect(checkPolicyName('refund-policy-v1')?.suggestion).toBe('refund_policy_v1');
    expect(checkPolicyName('1st policy')?.suggestion).toBe('policy_1st_policy');
    expect(checkPolicyName('a'.repeat(49))?.message).toContain('at most 48 characters');
  });
});

describe('planGenerationWrite', () => {
  it('writes a VALID asset as a file, an enabled 1.0.0 entry described by its fragment, and a test case to complete', () => {
    const { policies, testFile, errors } = planGenerationWrite([asset()], options());
    expect(errors).toEqual([]);
    expect(testFile).toBe('policies/business_rules/refund_limit.test.yaml');
    expect(policies).toHaveLength(1);
    const [written] = policies;
    expect(written!.file).toBe('policies/business_rules/refund_limit.cedar');
    expect(written!.source).toContain('"{{refund}}"');
    expect(written!.entry).toEqual({ name: 'RefundLimit', file: 'refund_limit.cedar', version: '1.0.0', description: 'Allow refunds under $500', enabled: true, engines: ['Main'] });
    const testCase = written!.testCase.join('\n');
    expect(testCase).toContain('action: RefundTarget___process_refund');
    expect(testCase).toContain('resource: "{{refund}}"');
    expect(testCase).toContain('tags: { "role": TODO }');
    expect(testCase).toContain('input: { "orderId": "TODO", "amount": 0 }');
    expect(testCase).toContain('expect: allow');
  });

  it('numbers several assets, and leaves out those whose findings refuse them unless forced, quoting the finding', () => {
    const assets = [asset(), asset({ assetId: 'a-2', findings: [{ type: 'ALLOW_ALL', description: 'allows every request' }] }), asset({ assetId: 'a-3', statement: undefined, findings: [{ type: 'NOT_TRANSLATABLE', description: 'vague' }] })];
    const plan = planGenerationWrite(assets, options());
    expect(plan.policies.map((p) => p.entry.name)).toEqual(['RefundLimit_1']);
    expect(plan.skipped.map((s) => `${s.assetId}: ${s.why}`)).toEqual([
      'a-2: its findings (pass --force to write it anyway): ALLOW_ALL (allows every request)',
      'a-3: the service returned no statement: NOT_TRANSLATABLE (vague)',
    ]);
    expect(planGenerationWrite(assets, options({ force: true })).policies.map((p) => p.entry.name)).toEqual(['RefundLimit_1', 'RefundLimit_2']);
  });

  it('never replaces a declared name or overwrites a file', () => {
    expect(planGenerationWrite([asset()], options({ declaredNames: new Set(['RefundLimit']) })).errors.map((e) => e.code)).toEqual(['generate/exists']);
    const files = planGenerationWrite([asset()], options({ exists: (file) => file.endsWith('.test.yaml') }));
    expect(files.errors.map((e) => e.message)).toEqual(['policies/business_rules/refund_limit.test.yaml already exists; generate never overwrites a file (pick another --name)']);
  });
});
