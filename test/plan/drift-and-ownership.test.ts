// Plan and apply against live changes made outside git: a console edit of a managed policy is shown as drift and
// overwritten; an unmanaged policy is listed and left alone, and deleted only when the engine has `prune: true`.
import { describe, expect, it } from 'vitest';
import { createPolicy, updatePolicy } from '../../src/agentcore/index.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, replace } from '../helpers/repo.js';
import { consolePermit } from '../apply/fixtures.js';
import { appliedExample, LOCAL } from '../apply/service.js';

const example = appliedExample();

const live = async (name: string) => (await example.service.policies()).find((p) => p.name === name);

describe('drift', () => {
  it('shows a console edit of a managed policy as drift, and apply overwrites it', async () => {
    const engine = await example.service.engine();
    const refund = (await live('RefundUnder500'))!;
    const edited = refund.statement!.replace('context.input.amount < 500', 'context.input.amount < 5000');
    await updatePolicy(example.service.sdk(), { policyEngineId: engine.policyEngineId, policyId: refund.policyId }, { statement: edited });

    const plan = await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode']);
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(`warning plan/policy-drift: ${LOCAL}/RefundUnder500 (${refund.policyId}) was changed outside git`);
    // Putting the repository's limit back narrows access: the flag and the Access section say so, with a witness.
    expect(plan.stdout).toMatch(/\[~\] policy RefundUnder500 \(business_rules, permit\) will be updated: statement \[changed outside git\]\n/);
    expect(plan.stdout).toContain('[-] RefundTarget___process_refund on refund-gateway-a1b2c3d4e5: narrows access');
    expect(plan.stdout).toMatch(/newly denied: caller username=refund-agent; input orderId=\S+, amount=500\n/);
    expect(plan.stdout).toContain('-  context.input.amount < 5000');

    const applied = await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve']);
    expect(applied.code).toBe(0);
    expect((await live('RefundUnder500'))!.statement).toContain('< 500\n');
    expect((await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
  });
});

describe('unmanaged policies', () => {
  it('lists an unmanaged policy and leaves it alone without prune', async () => {
    const engine = await example.service.engine();
    await createPolicy(example.service.sdk(), { policyEngineId: engine.policyEngineId, name: 'ConsoleRefunds', statement: consolePermit('console-user'), description: 'made by hand' });
    const plan = await runCli(['plan', '--dir', example.root, '--engine', LOCAL, '--detailed-exitcode']);
    expect(plan.stdout).toMatch(/\[ \] policy ConsoleRefunds \(permit\) unmanaged\n +not managed by agentcore-policy: left untouched \(prune: false\)/);
    expect(plan.code).toBe(0);
    expect((await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    expect((await live('ConsoleRefunds'))?.status).toBe('ACTIVE');
  });

  it('deletes it when the engine has prune: true, and touches nothing else', async () => {
    const engine = await example.service.engine();
    if (!(await live('ConsoleRefunds'))) {
      await createPolicy(example.service.sdk(), { policyEngineId: engine.policyEngineId, name: 'ConsoleRefunds', statement: consolePermit('console-user'), description: 'made by hand' });
    }
    await applyChanges(example.root, { 'engines/local.yaml': replace('prune: false', 'prune: true') });
    const plan = await runCli(['plan', '--dir', example.root, '--engine', LOCAL]);
    expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 1 to delete.');
    expect(plan.stdout).toContain('not managed by agentcore-policy: deleted because prune: true');
    const before = (await example.service.policies()).filter((p) => p.name !== 'ConsoleRefunds');
    const applied = await runCli(['apply', '--dir', example.root, '--engine', LOCAL, '--auto-approve']);
    expect(applied.stdout).toMatch(/permits-removed\n +done +delete policy ConsoleRefunds/);
    expect(await live('ConsoleRefunds')).toBeUndefined();
    expect(await example.service.policies()).toEqual(before);
  });
});
