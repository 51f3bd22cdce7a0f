// Without a saved plan, apply plans, shows the plan and asks on a terminal; only `yes` goes ahead, and a run nobody
// can answer needs --auto-approve. Nothing changes until the plan is approved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPROVAL_QUESTION } from '../../src/cli/apply.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, removeRepos } from '../helpers/repo.js';
import { runAtTerminal } from './cli-io.js';
import { TIGHTEN_REFUNDS } from './fixtures.js';
import { LOCAL, repoOn, startService, type Service } from './service.js';

let service: Service;
let root: string;

beforeAll(async () => {
  service = await startService();
  root = await repoOn(service);
  expect((await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
  await applyChanges(root, TIGHTEN_REFUNDS);
});
afterAll(async () => {
  await service.close();
  await removeRepos();
});

const refundStatement = async () => (await service.policies()).find((p) => p.name === 'RefundUnder500')!.statement!;

describe('apply approval', () => {
  it('refuses a run nobody can answer unless --auto-approve is given', async () => {
    const result = await runCli(['apply', '--dir', root, '--engine', LOCAL]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('nobody can approve the plan here (no terminal). Pass --auto-approve');
    expect(result.stderr).toContain('apply/not-approved');
    expect(result.stdout).toContain('Plan: 0 to create, 1 to update, 0 to delete.');
    expect(await refundStatement()).toContain('< 500');
  });

  it('shows the plan, asks, and changes nothing when the answer is not yes', async () => {
    const run = await runAtTerminal(['apply', '--dir', root, '--engine', LOCAL], false);
    expect(run.asked).toEqual([APPROVAL_QUESTION]);
    expect(run.shownBeforeAsking).toContain('[~] policy RefundUnder500 (business_rules, permit) will be updated: statement, version');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Apply refused: nothing was changed.');
    expect(await refundStatement()).toContain('< 500');
  });

  it('applies on yes, with one progress line per finished step on a terminal', async () => {
    const run = await runAtTerminal(['apply', '--dir', root, '--engine', LOCAL], true);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('CustomerService_local: phase permits-changed (1 step)');
    expect(run.stdout).toMatch(/\+\d+\.\ds CustomerService_local: \[1\/1\] permits-changed: update policy RefundUnder500 \(RefundUnder500-\w+\): done/);
    expect(run.stdout).toContain('Apply complete! Resources: 0 added, 1 changed, 0 destroyed.');
    expect(await refundStatement()).toContain('< 400');
  });

  it('does not ask when there is nothing to do', async () => {
    const run = await runAtTerminal(['apply', '--dir', root, '--engine', LOCAL], false);
    expect(run.asked).toEqual([]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No changes. Live engines match the repository.');
  });

  it('rejects a bad --parallelism and a second plan file', async () => {
    expect((await runCli(['apply', '--dir', root, '--parallelism', '0'])).stderr).toContain('--parallelism must be a whole number from 1 to 100');
    expect((await runCli(['apply', 'a.json', 'b.json', '--dir', root])).stderr).toContain('apply takes at most one plan file');
  });
});
