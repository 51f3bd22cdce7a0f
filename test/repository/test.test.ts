// `test` end to end: the example's cases, a failing case with its location, coverage, JSON and the engine filter.
import { basename, dirname } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { lineOf, makeRepo, PROJECT_ROOT, readRepoFile, removeRepos, replace } from '../helpers/repo.js';

afterAll(removeRepos);

const REFUND_TESTS = 'policies/business_rules/refunds.test.yaml';
const ALLOWED_REFUND = 'a refund of 450 by refund-agent is allowed';

interface JsonReport {
  passed: number;
  failed: number;
  cases: { name: string; engine: string; expect: string; actual: string; reasons: string[]; passed: boolean }[];
}

async function testJson(root: string, extra: string[] = []): Promise<{ code: number; report: JsonReport }> {
  const result = await runCli(['test', '--dir', root, '--format', 'json', ...extra]);
  return { code: result.code, report: JSON.parse(result.stdout) as JsonReport };
}

describe('test', () => {
  it('passes every case of the example, on every engine that has the tool', async () => {
    const result = await runCli(['test', '--dir', PROJECT_ROOT]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const passes = result.stdout.match(/^PASS {2}/gm) ?? [];
    expect(passes.length).toBeGreaterThan(0);
    expect(result.stdout).not.toMatch(/^FAIL/m);
    expect(result.stdout).toContain(`\n${passes.length} passed, 0 failed\n`);
    expect(result.stdout).toContain('Coverage: every enabled policy decided at least one case.');
  });

  it('fails a wrong expectation with its file and line, and exits 1', async () => {
    const root = await makeRepo({ [REFUND_TESTS]: replace('  expect: allow\n', '  expect: deny\n') });
    const result = await runCli(['test'], { cwd: root });
    expect(result.code).toBe(1);
    const line = lineOf(await readRepoFile(root, REFUND_TESTS), `- name: ${ALLOWED_REFUND}`);
    expect(result.stdout).toContain(`FAIL  ${ALLOWED_REFUND} [CustomerService_local]: allow\n      ${REFUND_TESTS}:${line}: expected deny, got allow`);
    expect(result.stdout).toMatch(/^\d+ passed, 2 failed$/m);
  });

  it('fails a decision made for the wrong reason', async () => {
    const root = await makeRepo({ [REFUND_TESTS]: replace('  reasons: [RefundUnder500]\n', '  reasons: [PremiumTierTransfer]\n') });
    const result = await runCli(['test', '--dir', root]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('expected reasons [PremiumTierTransfer], got [RefundUnder500]');
  });

  it('names the enabled policies no case exercised', async () => {
    const root = await makeRepo({ 'policies/business_rules/shipping.test.yaml': null });
    const result = await runCli(['test', '--dir', root]);
    expect(result.code).toBe(0);
    for (const engine of ['CustomerService_local', 'CustomerService_prod']) {
      expect(result.stdout).toContain(`Coverage: ${engine}: no case exercised ShippingRegionalRestriction\n`);
    }
  });

  it('prints the documented JSON', async () => {
    const root = await makeRepo({ [REFUND_TESTS]: replace('  expect: allow\n', '  expect: deny\n') });
    const { code, report } = await testJson(root);
    expect(code).toBe(1);
    expect(report.passed + report.failed).toBe(report.cases.length);
    expect(report.failed).toBe(report.cases.filter((c) => !c.passed).length);
    const failing = report.cases.filter((c) => !c.passed);
    expect(failing).toEqual(
      ['CustomerService_local', 'CustomerService_prod'].map((engine) => ({
        name: ALLOWED_REFUND,
        engine,
        expect: 'deny',
        actual: 'allow',
        reasons: ['RefundUnder500'],
        passed: false,
        message: 'expected deny, got allow',
      })),
    );
  });

  it('runs only the engine asked for', async () => {
    const all = await testJson(PROJECT_ROOT);
    const prod = await testJson(PROJECT_ROOT, ['--engine', 'CustomerService_prod']);
    expect(prod.code).toBe(0);
    expect(new Set(prod.report.cases.map((c) => c.engine))).toEqual(new Set(['CustomerService_prod']));
    expect(prod.report.cases.map((c) => c.name)).toEqual(all.report.cases.filter((c) => c.engine === 'CustomerService_prod').map((c) => c.name));
  });

  it('does not run the cases of a repository that does not validate', async () => {
    const root = await makeRepo({ 'policies/business_rules/refund_under_500.cedar': replace('input.amount', 'input.amonut') });
    const result = await runCli(['test', '--dir', basename(root)], { cwd: dirname(root) });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${basename(root)}/policies/business_rules/refund_under_500.cedar:`);
    expect(result.stderr).toContain('Tests not run: the repository does not validate.');
    const json = await runCli(['test', '--dir', basename(root), '--format', 'json'], { cwd: dirname(root) });
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({ passed: 0, failed: 0, cases: [], notRun: 'the repository does not validate' });
  });
});
