import { describe, expect, it } from 'vitest';
import type { EngineSpec, LivePolicy } from '../model.js';
import { encodeDescription } from './ownership.js';
import { spec } from '../../test/builders/plan.js';
import { normalizeStatement } from '../repository/desired.js';
import { sourceOf } from '../repository/cedar-source.js';
import { planImport, snakeName, type ImportOptions } from './import.js';

const GW = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';
const STATEMENT = `permit(principal, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"${GW}") when { context.input.amount < 10 };`;
const engine: EngineSpec = { file: 'engines/main.yaml', name: 'Main', region: 'us-west-2', groups: ['business_rules', 'emergency'], prune: false, variables: { refund: GW, alias: GW }, gateways: [] };
const livePolicy = (name: string, overrides: Partial<LivePolicy> = {}): LivePolicy => ({
  policyId: `${name}-0123456789`,
  name,
  statement: STATEMENT,
  description: 'by hand',
  enforcementMode: 'ACTIVE',
  status: 'ACTIVE',
  statusReasons: [],
  ...overrides,
});
const state = (...policies: LivePolicy[]) => ({ engine: { policyEngineId: 'Main-0123456789', arn: 'arn:e', name: 'Main', status: 'ACTIVE' as const }, policies, gateways: [] });
const declared = spec('Declared', { file: 'policies/business_rules/taken_name.cedar' });
const nothingExists: ImportOptions = {
  declared: { names: new Set([declared.name]), files: [declared.file] },
  exists: () => false,
  normalize: normalizeStatement,
  sourceOf: (statement) => sourceOf(statement, engine.variables),
};

describe('snakeName', () => {
  it('splits words, acronyms and numbers', () => {
    expect(['RefundUnder500', 'HTTPSOnly', 'already_snake', 'A', 'Block2FA_Users'].map(snakeName)).toEqual(['refund_under_500', 'https_only', 'already_snake', 'a', 'block_2_fa_users']);
  });
});

describe('planImport', () => {
  it('imports what is not declared for the engine, skips what never took effect or is going away', () => {
    const plan = planImport(engine, state(livePolicy('Declared'), livePolicy('NewOne'), livePolicy('Failed', { status: 'CREATE_FAILED' }), livePolicy('Going', { status: 'DELETING' }), livePolicy('Garbled', { statement: 'permit(' })), nothingExists);
    expect(plan.imported.map((p) => p.entry.name)).toEqual(['NewOne']);
    expect(plan.skipped.map((s) => `${s.name}: ${s.why}`)).toEqual([
      'Failed: its creation failed, so it never took effect',
      'Garbled: its statement is missing or does not parse',
      'Going: it is being deleted',
    ]);
    expect(plan.errors).toEqual([]);
  });

  it('writes an unmanaged policy down as it is live, in the first default group the engine deploys', () => {
    const [imported] = planImport(engine, state(livePolicy('NewOne', { enforcementMode: 'LOG_ONLY' })), nothingExists).imported;
    expect(imported).toMatchObject({ group: 'business_rules', file: 'policies/business_rules/new_one.cedar' });
    expect(imported!.entry).toEqual({ name: 'NewOne', file: 'new_one.cedar', version: '1.0.0', description: 'by hand', enforcementMode: 'LOG_ONLY', engines: ['Main'] });
    expect(normalizeStatement(imported!.source.replace('{{alias}}', GW))).toBe(normalizeStatement(STATEMENT));
  });

  it('keeps what a managed policy recorded (version, group, validation)', () => {
    const marker = { version: '2.3.0', group: 'emergency' as const, validationMode: 'IGNORE_ALL_FINDINGS' as const, statementHash: '0123456789abcdef' };
    const [imported] = planImport(engine, state(livePolicy('Ours', { description: encodeDescription('kept words', marker) })), nothingExists).imported;
    expect(imported).toMatchObject({ group: 'emergency', entry: { version: '2.3.0', validationMode: 'IGNORE_ALL_FINDINGS', description: 'kept words' } });
  });

  it('refuses a group the engine does not deploy, and files that exist or are declared', () => {
    expect(planImport(engine, state(livePolicy('NewOne')), { ...nothingExists, group: 'authorization' }).errors.map((e) => e.code)).toEqual(['import/group-not-deployed']);
    expect(planImport(engine, state(livePolicy('TakenName')), nothingExists).errors.map((e) => e.message)).toEqual([
      'policies/business_rules/taken_name.cedar already exists; import never overwrites a file (rename or move it, then run import again)',
    ]);
    expect(planImport(engine, state(livePolicy('NewOne')), { ...nothingExists, exists: (f) => f.endsWith('new_one.cedar') }).errors).toHaveLength(1);
  });
});
