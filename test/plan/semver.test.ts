// A statement change without a version bump, or a version lower than the live one, is a plan error, and a plan with
// errors is never applied: apply refuses and the live engine is left as it was.
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { applyChanges, replace } from '../helpers/repo.js';
import { appliedExample, LOCAL } from '../apply/service.js';

const example = appliedExample();

const refund = async () => (await example.service.policies()).find((p) => p.name === 'RefundUnder500')!;

describe('semantic versions', () => {
  it('blocks apply when a statement changed but its version did not', async () => {
    await applyChanges(example.root, { 'policies/business_rules/refund_under_500.cedar': replace('amount < 500', 'amount < 450') });
    const before = await refund();
    const result = await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/policies\/business_rules\/policies\.yaml:\d+:\d+: error plan\/version-not-bumped: RefundUnder500: policies\/business_rules\/refund_under_500\.cedar changed since version 1\.0\.0 was applied; bump its version/);
    expect(result.stderr).toContain('error apply/plan-has-errors');
    expect(result.stderr).toContain('Apply refused: nothing was changed.');
    expect(await refund()).toEqual(before);
  });

  it('blocks apply when the version goes down, and applies once it goes up', async () => {
    await applyChanges(example.root, { 'policies/business_rules/policies.yaml': replace('file: refund_under_500.cedar\n    version: 1.0.0', 'file: refund_under_500.cedar\n    version: 2.0.0') });
    expect((await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    expect((await refund()).statement).toContain('< 450');
    await applyChanges(example.root, { 'policies/business_rules/policies.yaml': replace('version: 2.0.0', 'version: 1.5.0') });
    const lower = await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--format', 'json', '--auto-approve']);
    expect(lower.code).toBe(1);
    const report = JSON.parse(lower.stdout) as { status: string; diagnostics: { code: string }[] };
    expect(report.status).toBe('refused');
    expect(report.diagnostics.map((d) => d.code)).toEqual(['plan/version-lower', 'apply/plan-has-errors']);
  });

  it('refuses a version that is not semver before planning', async () => {
    await applyChanges(example.root, { 'policies/business_rules/policies.yaml': replace('version: 1.5.0', 'version: one') });
    const result = await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('repository/invalid-semver');
  });
});
