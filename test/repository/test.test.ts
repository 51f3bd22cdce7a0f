// `test` end to end: the example's cases, a failing case with its location, coverage, JSON and the engine filter.
import { basename, dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { lineOf, makeRepo, PROJECT_ROOT, readRepoFile, removeRepos, replace } from '../helpers/repo.js';

afterAll(removeRepos);

const REFUND_TESTS = 'policies/business_rules/refunds.test.yaml';
const ALLOWED_REFUND = 'a refund of 450 by refund-agent is allowed';
const BUSINESS_MANIFEST = 'policies/business_rules/policies.yaml';
const REFUND_DESCRIPTION = '    description: Allow refund-agent to process refunds under $500\n';

interface JsonReport {
  passed: number;
  failed: number;
  cases: { name: string; engine: string; expect: string; actual: string; reasons: string[]; passed: boolean; logOnly?: { decision: string; policies: string[] } }[];
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

  it('runs from a subfolder of the repository, on the whole repository, with paths from that folder', async () => {
    const root = await makeRepo({ [REFUND_TESTS]: replace('  expect: allow\n', '  expect: deny\n') });
    const line = lineOf(await readRepoFile(root, REFUND_TESTS), `- name: ${ALLOWED_REFUND}`);
    const inside = await runCli(['test'], { cwd: join(root, 'policies/business_rules') });
    expect(inside.code).toBe(1);
    expect(inside.stdout).toContain(`FAIL  ${ALLOWED_REFUND} [CustomerService_local]: allow\n      refunds.test.yaml:${line}: expected deny, got allow`);
    const fromRoot = await runCli(['test'], { cwd: root });
    expect(inside.stdout.split('\n').filter((l) => /^(PASS|FAIL)/.test(l))).toEqual(fromRoot.stdout.split('\n').filter((l) => /^(PASS|FAIL)/.test(l)));
    // --dir still wins: the folder it names is the repository, whatever holds engines/ above it.
    const named = await runCli(['validate', '--dir', '.'], { cwd: join(root, 'policies') });
    expect(named.code).toBe(1);
    expect(named.stdout).toContain('error repository/no-engines: no engine files found');
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

  it('decides with the ACTIVE policies only: a LOG_ONLY permit grants nothing, and the case says it would', async () => {
    const root = await makeRepo({ [BUSINESS_MANIFEST]: replace(REFUND_DESCRIPTION, `${REFUND_DESCRIPTION}    enforcementMode: LOG_ONLY\n`) });
    const result = await runCli(['test', '--engine', 'CustomerService_local'], { cwd: root });
    expect(result.code).toBe(1);
    const line = lineOf(await readRepoFile(root, REFUND_TESTS), `- name: ${ALLOWED_REFUND}`);
    expect(result.stdout).toContain(
      `FAIL  ${ALLOWED_REFUND} [CustomerService_local]: deny\n` +
        `      ${REFUND_TESTS}:${line}: expected allow, got deny; expected reasons [RefundUnder500], got [] (RefundUnder500: LOG_ONLY, decides nothing)\n` +
        `      LOG_ONLY RefundUnder500 would make it allow if ACTIVE\n`,
    );
    // Matched by a case, the LOG_ONLY policy counts as exercised.
    expect(result.stdout).toContain('Coverage: every enabled policy decided at least one case.');
  });

  it('reports a LOG_ONLY forbid that would deny a case the ACTIVE policies allow, in text and JSON', async () => {
    const canary = 'forbid (\n  principal,\n  action == AgentCore::Action::"RefundTarget___process_refund",\n  resource\n)\nwhen { context.input.amount > 400 };\n';
    const entry = '  - name: RefundCanary\n    file: refund_canary.cedar\n    version: 1.0.0\n    description: Would deny refunds over $400\n    enforcementMode: LOG_ONLY\n';
    const root = await makeRepo({ [BUSINESS_MANIFEST]: (text) => text + entry, 'policies/business_rules/refund_canary.cedar': canary });
    const result = await runCli(['test', '--engine', 'CustomerService_local'], { cwd: root });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`PASS  ${ALLOWED_REFUND} [CustomerService_local]: allow\n      LOG_ONLY RefundCanary would make it deny if ACTIVE\n`);
    // The 750 refund is denied already: nothing for the canary to flip.
    expect(result.stdout).toContain('PASS  a refund of 750 by refund-agent is denied [CustomerService_local]: deny\nPASS');
    const { report } = await testJson(root);
    const flipped = report.cases.filter((c) => c.logOnly);
    expect(flipped.map((c) => [c.name, c.engine])).toEqual([
      [ALLOWED_REFUND, 'CustomerService_local'],
      [ALLOWED_REFUND, 'CustomerService_prod'],
    ]);
    expect(flipped[0]).toMatchObject({ actual: 'allow', passed: true, logOnly: { decision: 'deny', policies: ['RefundCanary'] } });
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
