// `import` adopts an existing engine without downtime: it writes files for the live policies the repository lacks
// and never touches live state, and the plan that follows shows no delete and no replace for them: the unmanaged
// ones are adopted by a description-only update (with or without prune), the managed one shows no change.
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolicy } from '../../src/agentcore/index.js';
import type { Plan } from '../../src/plan/types.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, removeRepos, replace } from '../helpers/repo.js';
import { consolePermit, REFUND_GATEWAY } from './fixtures.js';
import { LOCAL, repoOn, startService, type Service } from './service.js';

const PAYMENT_GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/payment-gateway-f6g7h8j9k0';
const MALLORY = `forbid(principal is AgentCore::OAuthUser, action == AgentCore::Action::"PaymentTarget___transfer_funds", resource == AgentCore::Gateway::"${PAYMENT_GATEWAY}") when { principal.hasTag("username") && principal.getTag("username") == "mallory" };`;

/** The repository forgot StandardTierTransfer, which is still live (and managed). */
const FORGOTTEN = {
  'policies/authorization/standard_tier_transfer.cedar': null,
  'policies/authorization/policies.yaml': replace(
    '  - name: StandardTierTransfer\n    file: standard_tier_transfer.cedar\n    version: 1.0.0\n    description: Allow standard-tier users to transfer funds up to $10,000\n',
    '',
  ),
};

async function adoptable(prune: boolean): Promise<{ service: Service; root: string }> {
  const service = await startService();
  const root = await repoOn(service, prune ? { 'engines/local.yaml': replace('prune: false', 'prune: true') } : {});
  expect((await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
  const { policyEngineId } = await service.engine();
  await createPolicy(service.sdk(), { policyEngineId, name: 'ConsoleRefunds', statement: consolePermit('console-user'), description: 'Made by hand: console-user refunds' });
  await createPolicy(service.sdk(), { policyEngineId, name: 'BlockMallory', statement: MALLORY, enforcementMode: 'LOG_ONLY' });
  await applyChanges(root, FORGOTTEN);
  return { service, root };
}

const planJson = async (root: string) => JSON.parse((await runCli(['plan', '--dir', root, '--engine', LOCAL, '--format', 'json'])).stdout) as Plan;
const IMPORTED = ['BlockMallory', 'ConsoleRefunds', 'StandardTierTransfer'];

describe('import on an engine without prune', () => {
  let service: Service;
  let root: string;
  beforeAll(async () => ({ service, root } = await adoptable(false)));
  afterAll(async () => {
    await service.close();
    await removeRepos();
  });

  it('writes formatted files with {{variables}} and manifest entries, keeping the manifests as they were, and nothing live', async () => {
    const before = await readFile(join(root, 'policies/authorization/policies.yaml'), 'utf8');
    const live = await service.policies();
    const result = await runCli(['import', '--engine', LOCAL, '--dir', root]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Imported 3 live policies from CustomerService_local:');
    expect(result.stdout).toContain('Nothing live was changed.');
    // Still unmanaged: an apply of another branch, without these files, leaves them alone.
    expect(await service.policies()).toEqual(live);

    const refunds = await readFile(join(root, 'policies/authorization/console_refunds.cedar'), 'utf8');
    expect(refunds).toContain('resource == AgentCore::Gateway::"{{refund_gateway}}"');
    expect(refunds).not.toContain(REFUND_GATEWAY);
    expect(await readFile(join(root, 'policies/authorization/standard_tier_transfer.cedar'), 'utf8')).toContain('{{payment_gateway}}');
    const after = await readFile(join(root, 'policies/authorization/policies.yaml'), 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.slice(before.length)).toBe(
      [
        '  - name: BlockMallory',
        '    file: block_mallory.cedar',
        '    version: 1.0.0',
        '    description: Imported from engine CustomerService_local',
        '    enforcementMode: LOG_ONLY',
        '    engines: [CustomerService_local]',
        '  - name: ConsoleRefunds',
        '    file: console_refunds.cedar',
        '    version: 1.0.0',
        '    description: "Made by hand: console-user refunds"',
        '    engines: [CustomerService_local]',
        '  - name: StandardTierTransfer',
        '    file: standard_tier_transfer.cedar',
        '    version: 1.0.0',
        '    description: Allow standard-tier users to transfer funds up to $10,000',
        '    engines: [CustomerService_local]',
        '',
      ].join('\n'),
    );
    expect((await runCli(['fmt', '--check', '--dir', root])).code).toBe(0);
    expect((await runCli(['validate', '--dir', root])).code).toBe(0);
  });

  it('leaves a plan that only adopts the unmanaged ones (the marker in their description), then nothing', async () => {
    const plan = await planJson(root);
    expect(plan.errors).toEqual([]);
    const imported = plan.engines[0]!.changes.filter((c) => IMPORTED.includes(c.name));
    expect(imported.map((c) => [c.name, c.action, c.kind === 'policy' ? c.fields : []])).toEqual([
      ['BlockMallory', 'update', ['description']],
      ['ConsoleRefunds', 'update', ['description']],
      ['StandardTierTransfer', 'no-op', []],
    ]);
    expect(imported.every((c) => c.kind === 'policy' && !c.widensAccess && c.after?.statement === c.before?.statement)).toBe(true);
    expect(imported[0]!.notes[0]).toContain('adopted, as it holds exactly the declared statement');
    expect(plan.counts).toEqual({ create: 0, update: 2, delete: 0, replace: 0, temporary: 0 });
    expect((await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    expect((await runCli(['plan', '--dir', root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
  });

  it('finds nothing more to import the second time', async () => {
    const again = await runCli(['import', '--engine', LOCAL, '--dir', root]);
    expect(again.stdout).toBe('Nothing to import: the repository declares every live policy of CustomerService_local.\n');
    expect(again.code).toBe(0);
  });
});

describe('import on an engine with prune: true', () => {
  let service: Service;
  let root: string;
  beforeAll(async () => ({ service, root } = await adoptable(true)));
  afterAll(async () => {
    await service.close();
    await removeRepos();
  });

  it('refuses to overwrite a file and writes nothing', async () => {
    await writeFile(join(root, 'policies/authorization/console_refunds.cedar'), 'mine\n');
    const result = await runCli(['import', '--engine', LOCAL, '--dir', root]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error import/file-exists: policies/authorization/console_refunds.cedar already exists; import never overwrites a file');
    expect(existsSync(join(root, 'policies/authorization/block_mallory.cedar'))).toBe(false);
    await rm(join(root, 'policies/authorization/console_refunds.cedar'));
  });

  it('the plan only adds the ownership marker to the unmanaged ones', async () => {
    const result = await runCli(['import', '--engine', LOCAL, '--dir', root, '--group', 'business_rules']);
    expect(result.code).toBe(0);
    const plan = await planJson(root);
    expect(plan.errors).toEqual([]);
    const imported = plan.engines[0]!.changes.filter((c) => IMPORTED.includes(c.name));
    expect(imported.map((c) => [c.name, c.action, c.kind === 'policy' ? c.fields : []])).toEqual([
      ['BlockMallory', 'update', ['description']],
      ['ConsoleRefunds', 'update', ['description']],
      // It was ours already: only its group moves (marker), as --group asked.
      ['StandardTierTransfer', 'update', ['description']],
    ]);
    expect(imported.every((c) => c.kind === 'policy' && !c.widensAccess && c.after?.statement === c.before?.statement)).toBe(true);
    expect((await runCli(['apply', '--dir', root, '--engine', LOCAL, '--auto-approve'])).code).toBe(0);
    expect((await runCli(['plan', '--dir', root, '--engine', LOCAL, '--detailed-exitcode'])).code).toBe(0);
  });
});
