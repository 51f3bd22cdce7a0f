// A managed policy whose ownership marker was lost outside git (a console edit of its description) is reclaimed by
// the next plan when the repository declares its name and the policy shows it was ours; apply restores the marker.
// A policy of that name with another scope and no marker-like text is someone else's, and stays refused. Each case
// has an emulator and a repository of its own.
import { describe, expect, it } from 'vitest';
import { createPolicy, updatePolicy } from '../../src/agentcore/index.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, replace } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { freshExample, LOCAL, planJson, type Service } from '../apply/service.js';

async function editLive(service: Service, name: string, changes: { description: string }): Promise<void> {
  const policy = (await service.policies()).find((p) => p.name === name)!;
  await updatePolicy(service.sdk(), { policyEngineId: (await service.engine()).policyEngineId, policyId: policy.policyId }, changes);
}

const plan = (root: string) => runCli(['plan', '--dir', root, '--engine', LOCAL, '--detailed-exitcode']);

describe('a policy whose ownership marker was lost outside git', PROCESS_TESTS, () => {
  const example = freshExample({ applied: true });

  it('is planned as a reclaim with plan/marker-lost; apply restores the marker and the next plan has no changes', async () => {
    const before = (await example.service.policies()).find((p) => p.name === 'RefundUnder500')!.description!;
    // The console edit left a note after the marker: it is no longer the last line, so it does not count.
    await editLive(example.service, 'RefundUnder500', { description: `${before}\nChecked by the support lead.` });
    const reclaim = await plan(example.root);
    expect(reclaim.code, reclaim.stderr).toBe(2);
    expect(reclaim.stdout).toMatch(/\[~\] policy RefundUnder500 \(business_rules, permit\) will be reclaimed \(marker restored\): description\n/);
    expect(reclaim.stdout).toContain(`warning plan/marker-lost: ${LOCAL}/RefundUnder500`);
    expect(reclaim.stdout).toContain('keeps an edited marker');
    expect(reclaim.stdout).not.toContain('plan/marker-ignored');
    const json = await planJson(example.root);
    expect(json.engines[0]!.changes.find((c) => c.name === 'RefundUnder500')).toMatchObject({ kind: 'policy', reclaim: true });

    expect((await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    expect((await example.service.policies()).find((p) => p.name === 'RefundUnder500')!.description).toBe(before);
    const after = await plan(example.root);
    expect(after.code, after.stdout).toBe(0);
    expect(after.stdout).toContain('No changes');
  });

  it('reclaims one stripped of every trace of the marker when it keeps the declared scope, with the new statement', async () => {
    await editLive(example.service, 'ShippingRegionalRestriction', { description: 'Shipping rates for three countries' });
    await applyChanges(example.root, {
      'policies/business_rules/shipping_regional_restriction.cedar': replace('"US", "CA", "UK"', '"US", "CA", "UK", "IE"'),
      'policies/business_rules/policies.yaml': replace('    file: shipping_regional_restriction.cedar\n    version: 1.0.0', '    file: shipping_regional_restriction.cedar\n    version: 1.1.0'),
    });
    const reclaim = await plan(example.root);
    expect(reclaim.code, reclaim.stderr).toBe(2);
    expect(reclaim.stdout).toMatch(/\[~\] policy ShippingRegionalRestriction \(business_rules, permit\) will be reclaimed \(marker restored\): statement, description/);
    expect(reclaim.stdout).toContain('it has the declared effect and scope');
    expect((await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    const live = (await example.service.policies()).find((p) => p.name === 'ShippingRegionalRestriction')!;
    expect(live.statement).toContain('"IE"');
    expect(live.description).toMatch(/\n\n\[agentcore-policy managed version=1\.1\.0 group=business_rules /);
    expect((await plan(example.root)).code).toBe(0);
  });

  it('refuses a same-named policy with another scope and no marker-like text: plan/name-taken-by-unmanaged', async () => {
    const engine = await example.service.engine();
    const live = await example.service.policies();
    const claims = live.find((p) => p.name === 'AdjusterFileClaim')!;
    // Someone else's policy of a name the repository is about to declare: another tool, no marker.
    const shipping = live.find((p) => p.name === 'ShippingRegionalRestriction')!.statement!;
    await createPolicy(example.service.sdk(), { policyEngineId: engine.policyEngineId, name: 'ClaimsByHand', statement: shipping, description: 'made by hand' });
    await applyChanges(example.root, {
      'policies/business_rules/claims_by_hand.cedar': claims.statement!,
      'policies/business_rules/policies.yaml': (text) => `${text}  - name: ClaimsByHand\n    file: claims_by_hand.cedar\n    version: 1.0.0\n    description: Adjusters file claims\n`,
    });
    const refused = await plan(example.root);
    expect(refused.code).toBe(1);
    expect(refused.stdout + refused.stderr).toContain('error plan/name-taken-by-unmanaged: ClaimsByHand: a live policy of this name');
    expect(refused.stdout + refused.stderr).not.toContain('plan/marker-lost');
  });
});
