import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { GROUPS } from '../model.js';
import { refundExample } from './scaffold-example.js';
import { scaffold, type ScaffoldPolicy } from './scaffold.js';

const WORKFLOWS = { 'policy-plan.yml': 'name: Policy plan\n', 'policy-apply.yml': 'name: Policy apply\n' };

describe('scaffold', () => {
  it('gives every group a manifest holding the policies of that group, each policy its file, and the rest as given', () => {
    const example = refundExample('us-west-2');
    const imported: ScaffoldPolicy = {
      group: 'authorization',
      file: 'policies/authorization/admins.cedar',
      source: 'permit (principal, action, resource);\n',
      entry: { name: 'Admins', file: 'admins.cedar', version: '2.1.0', description: 'Imported', engines: ['Shop'] },
    };
    const files = scaffold({ engine: { name: 'Shop', region: 'us-west-2', gateways: [example.gateway] }, policies: [example.policy, imported], extra: [example.tests], workflows: WORKFLOWS });
    const text = new Map(files.map((f) => [f.path, f.text]));
    expect(files.map((f) => f.path)).toEqual([
      'engines/Shop.yaml',
      ...GROUPS.map((g) => `policies/${g}/policies.yaml`),
      'policies/business_rules/refund_under_500.cedar',
      'policies/authorization/admins.cedar',
      'policies/business_rules/refunds.test.yaml',
      '.gitignore',
      '.github/workflows/policy-plan.yml',
      '.github/workflows/policy-apply.yml',
      'README.md',
    ]);
    const manifest = (group: string) => parse(text.get(`policies/${group}/policies.yaml`)!) as { policies: { name: string }[] };
    expect(manifest('authorization').policies).toEqual([{ name: 'Admins', file: 'admins.cedar', version: '2.1.0', description: 'Imported', engines: ['Shop'] }]);
    expect(manifest('business_rules').policies.map((p) => p.name)).toEqual(['RefundUnder500']);
    expect(manifest('emergency').policies).toEqual([]);
    // Each manifest says what its group is for.
    expect(text.get('policies/emergency/policies.yaml')).toMatch(/^# Incident response/);
    expect(text.get('policies/authorization/admins.cedar')).toBe(imported.source);
    expect(text.get('.github/workflows/policy-apply.yml')).toBe(WORKFLOWS['policy-apply.yml']);
    expect(text.get('README.md')).toMatch(/^# Policies of Shop\n/);
    expect(text.get('README.md')).not.toContain('embedded local engine');
  });
});
