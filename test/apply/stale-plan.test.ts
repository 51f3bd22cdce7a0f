// Saved plans: applied exactly when the live engines still hold what the plan saw, refused (saying what moved, and
// changing nothing) when they do not, and refused when the file is not a plan this tool can read.
import { writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolicy, updatePolicy } from '../../src/agentcore/index.js';
import { runApply } from '../../src/run/apply.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, removeRepos } from '../helpers/repo.js';
import { consolePermit, TIGHTEN_REFUNDS } from './fixtures.js';
import { LOCAL, repoOn, startService, type Service } from './service.js';

let service: Service;
let root: string;

beforeAll(async () => {
  service = await startService();
  root = await repoOn(service);
  expect((await runCli(['apply', '--dir', root, '--auto-approve'])).code).toBe(0);
  await applyChanges(root, TIGHTEN_REFUNDS);
});
afterAll(async () => {
  await service.close();
  await removeRepos();
});

const refundStatement = async () => (await service.policies()).find((p) => p.name === 'RefundUnder500')!.statement!;

describe('apply PLAN_FILE', () => {
  it('refuses a plan whose live state moved, says what moved, and changes nothing', async () => {
    expect((await runCli(['plan', '--dir', root, '--engine', LOCAL, '--out', join(root, 'plan.json')])).code).toBe(0);
    const engine = await service.engine();
    const premium = (await service.policies()).find((p) => p.name === 'PremiumTierTransfer')!;
    await updatePolicy(service.sdk(), { policyEngineId: engine.policyEngineId, policyId: premium.policyId }, { enforcementMode: 'LOG_ONLY' });
    const manual = await createPolicy(service.sdk(), { policyEngineId: engine.policyEngineId, name: 'ConsoleRefunds', statement: consolePermit('console-user') });

    const result = await runCli(['apply', '--dir', root, 'plan.json'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error apply/stale-plan: engine CustomerService_local: the plan is stale');
    expect(result.stderr).toContain(`policy PremiumTierTransfer (${premium.policyId}) was updated`);
    expect(result.stderr).toContain(`policy ConsoleRefunds (${manual.policyId}) was created`);
    expect(result.stderr).toContain('Apply refused: nothing was changed.');
    expect(await refundStatement()).toContain('< 500');
  });

  it('applies a fresh plan exactly, without asking, and leaves nothing to plan', async () => {
    expect((await runCli(['plan', '--dir', root, '--out', 'fresh.json'], { cwd: root })).code).toBe(0);
    const result = await runCli(['apply', 'fresh.json', '--dir', root], { cwd: root });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Turning a LOG_ONLY permit back to ACTIVE grants access, so it goes with the creates, after the changes.
    expect(result.stdout).toMatch(/permits-changed\n +done +update policy RefundUnder500 .*\n {2}permits-created\n +done +update policy PremiumTierTransfer/);
    expect(await refundStatement()).toContain('< 400');
    expect((await runCli(['plan', '--dir', root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
  });

  it('applies only the engine asked for from a plan of several', async () => {
    await applyChanges(root, { 'policies/business_rules/refund_under_500.cedar': replace400(), 'policies/business_rules/policies.yaml': bump('1.1.0', '1.2.0') });
    expect((await runCli(['plan', '--dir', root, '--out', 'both.json'], { cwd: root })).code).toBe(0);
    const result = await runCli(['apply', 'both.json', '--dir', root, '--engine', 'CustomerService_prod', '--format', 'json'], { cwd: root });
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { engines: { engine: string }[] };
    expect(report.engines.map((e) => e.engine)).toEqual(['CustomerService_prod']);
    expect(await refundStatement()).toContain('< 400');
  });

  it('refuses a file that is not a plan it can read, and a plan of an unknown engine', async () => {
    await writeFile(join(root, 'old.json'), JSON.stringify({ formatVersion: 0, engines: [] }));
    const old = await runCli(['apply', 'old.json', '--dir', root], { cwd: root });
    expect(old.code).toBe(1);
    expect(old.stderr).toContain('plan/file-invalid');
    expect(old.stderr).toContain('plan again');
    const missing = await runCli(['apply', 'missing.json', '--dir', root], { cwd: root });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('apply/plan-file-unreadable');
    const unknown = await runCli(['apply', 'both.json', '--dir', root, '--engine', 'Nope'], { cwd: root });
    expect(unknown.stderr).toContain('repository/unknown-engine');
    expect(unknown.code).toBe(1);
  });
});

function replace400() {
  return (text: string) => text.replace('context.input.amount < 400', 'context.input.amount < 300');
}

function bump(from: string, to: string) {
  return (text: string) => text.replace(`file: refund_under_500.cedar\n    version: ${from}`, `file: refund_under_500.cedar\n    version: ${to}`);
}

describe('a plan made now that waits for approval', () => {
  it('goes ahead when planning again gives the approved steps, and refuses when it does not', async () => {
    await applyChanges(root, { 'policies/business_rules/refund_under_500.cedar': (t) => t.replace('amount < 300', 'amount < 250'), 'policies/business_rules/policies.yaml': bump('1.2.0', '1.3.0') });
    const engine = await service.engine();
    // Still CREATING when the plan reads it, ACTIVE by the time the plan is approved: the fingerprint moves.
    service.emulator.setFaults({ resources: { SlowConsole: { transitionMs: 300 } } });
    await createPolicy(service.sdk(), { policyEngineId: engine.policyEngineId, name: 'SlowConsole', statement: consolePermit('slow') });
    const waited = await runApply({ root, engines: [LOCAL], client: service.client, approve: () => sleep(400).then(() => true) });
    service.emulator.setFaults({});
    expect(waited.report.status).toBe('applied');
    expect(await refundStatement()).toContain('< 250');

    await applyChanges(root, { 'policies/business_rules/refund_under_500.cedar': (t) => t.replace('amount < 250', 'amount < 200'), 'policies/business_rules/policies.yaml': bump('1.3.0', '1.4.0') });
    const premium = (await service.policies()).find((p) => p.name === 'PremiumTierTransfer')!;
    const flip = () => updatePolicy(service.sdk(), { policyEngineId: engine.policyEngineId, policyId: premium.policyId }, { enforcementMode: 'LOG_ONLY' }).then(() => true);
    const moved = await runApply({ root, engines: [LOCAL], client: service.client, approve: flip });
    expect(moved.report.status).toBe('refused');
    expect(moved.report.diagnostics[0]!.message).toContain(`policy PremiumTierTransfer (${premium.policyId}) was updated`);
    expect(await refundStatement()).toContain('< 250');
  });
});
