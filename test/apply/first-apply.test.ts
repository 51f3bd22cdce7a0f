// The example repository applied for the first time through the CLI: the local engine through its state file in the
// repository, the production engine through an in-process emulator named by its engine file's `endpoint:`.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readGateway } from '../../src/agentcore/index.js';
import { localStatePath } from '../../src/local/local-engine.js';
import type { ApplyReport } from '../../src/plan/apply-report.js';
import { loadRepository } from '../../src/repository/load.js';
import { runCli } from '../helpers/cli.js';
import { applyChanges, makeRepo, removeRepos, replace } from '../helpers/repo.js';
import { byName, PROD, startService, type Service } from './service.js';

let service: Service;
let root: string;

beforeAll(async () => {
  service = await startService();
  root = await makeRepo({ 'engines/production.yaml': replace('region: us-east-1\n', `region: us-east-1\nendpoint: ${service.emulator.url}\n`) });
});
afterAll(async () => {
  await service.close();
  await removeRepos();
});

describe('apply: first apply of the example repository', () => {
  it('creates both engines, attaches every gateway in ENFORCE and creates every enabled policy', async () => {
    const result = await runCli(['apply', '--dir', root, '--auto-approve']);
    expect(result.stderr).not.toMatch(/error/i);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Plan: 20 to create, 10 to update, 0 to delete.');
    expect(result.stdout).toMatch(/Engine CustomerService_local \(engines\/local\.yaml\): applied/);
    expect(result.stdout).toMatch(/Engine CustomerService_prod \(engines\/production\.yaml\): applied/);
    expect(result.stdout.trimEnd().split('\n').at(-1)).toBe('Apply complete! Resources: 20 added, 10 changed, 0 destroyed.');
    // Without a terminal (a CI log), a line per step as it finishes, every step once, before the report.
    const progress = result.stdout.split('\n').filter((line) => /^\+\d/.test(line));
    const steps = progress.filter((line) => / \[\d+\/\d+\] /.test(line));
    expect(steps).toHaveLength(result.stdout.split('\n').filter((line) => /^ {4}done /.test(line)).length);
    expect(steps.length).toBeGreaterThan(30);
    expect(steps).toContainEqual(expect.stringMatching(/^\+\d+(\.\d)?s CustomerService_prod: \[\d+\/\d+\] permits-created: create policy RefundUnder500 \(RefundUnder500-\w+\): done$/));
    expect(progress[0]).toMatch(/^\+\d+\.\ds CustomerService_local: phase engine \(1 step\)$/);
    expect(result.stdout.indexOf(progress.at(-1)!)).toBeLessThan(result.stdout.indexOf('Engine CustomerService_local (engines/local.yaml): applied'));

    const { repository } = await loadRepository(root);
    const enabled = repository.policies.filter((p) => p.enabled).map((p) => `${p.name} ACTIVE`).sort();
    expect(byName(await service.policies(PROD))).toEqual(enabled);
    const engine = await service.engine(PROD);
    for (const gateway of repository.engines.find((e) => e.name === PROD)!.gateways) {
      expect((await readGateway(service.sdk(PROD), gateway.arn)).policyEngine).toEqual({ arn: engine.arn, mode: 'ENFORCE' });
    }
    expect(existsSync(localStatePath(root))).toBe(true);
  });

  it('leaves nothing to plan afterwards: plan --detailed-exitcode exits 0', async () => {
    const result = await runCli(['plan', '--dir', root, '--detailed-exitcode']);
    expect(result.stdout).toContain('No changes. Live engines match the repository.');
    expect(result.code).toBe(0);
  });

  it('keeps stdout one JSON or markdown document, progress going to stderr', async () => {
    // A service of its own, so the engines the other cases check are left as they are.
    const own = await startService();
    try {
      await documentsStayWhole(own);
    } finally {
      await own.close();
    }
  });

  it('has nothing to approve when nothing changes, even without a terminal', async () => {
    const result = await runCli(['apply', '--dir', root, '--format', 'json']);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as ApplyReport;
    expect(report).toMatchObject({ formatVersion: 1, status: 'no-changes', counts: { done: 0, failed: 0, notAttempted: 0 } });
    expect(report.engines.map((e) => [e.engine, e.outcome])).toEqual([
      ['CustomerService_local', 'no-changes'],
      ['CustomerService_prod', 'no-changes'],
    ]);
  });

  it('keeps the local engine in the repository, ignored by git', () => {
    expect(existsSync(join(root, '.agentcore-policy', '.gitignore'))).toBe(true);
  });
});

/** Two applies of one update each, after the first: as JSON, then as markdown. */
async function documentsStayWhole(own: Service): Promise<void> {
  const refunds = 'policies/business_rules/refund_under_500.cedar';
  const manifest = 'policies/business_rules/policies.yaml';
  const changed = await makeRepo({ 'engines/production.yaml': replace('region: us-east-1\n', `region: us-east-1\nendpoint: ${own.emulator.url}\n`) });
  expect((await runCli(['apply', '--dir', changed, '--engine', PROD, '--auto-approve'])).code).toBe(0);
  const tighten = async (from: string, to: string, version: string) => {
    await applyChanges(changed, {
      [refunds]: replace(`context.input.amount < ${from}`, `context.input.amount < ${to}`),
      [manifest]: (text) => text.replace(/(file: refund_under_500\.cedar\n {4}version: )\S+/, `$1${version}`),
    });
  };
  const progress = /^\+\d+\.\ds CustomerService_prod: phase permits-changed \(1 step\)\n\+\d+\.\ds CustomerService_prod: \[1\/1\] permits-changed: update policy RefundUnder500 \(RefundUnder500-\w+\): done\n$/;

  await tighten('500', '450', '1.0.1');
  const json = await runCli(['apply', '--dir', changed, '--engine', PROD, '--auto-approve', '--format', 'json']);
  expect(json.code, json.stderr).toBe(0);
  expect((JSON.parse(json.stdout) as ApplyReport).status).toBe('applied');
  expect(json.stderr).toMatch(progress);

  await tighten('450', '400', '1.0.2');
  const markdown = await runCli(['apply', '--dir', changed, '--engine', PROD, '--auto-approve', '--format', 'markdown']);
  expect(markdown.code, markdown.stderr).toBe(0);
  expect(markdown.stdout).toMatch(/^\*\*Apply complete&#33; Resources&#58; 0 added, 1 changed, 0 destroyed\.\*\*\n/);
  expect(markdown.stdout).not.toMatch(/^\+\d/m);
  expect(markdown.stderr).toMatch(progress);
}
