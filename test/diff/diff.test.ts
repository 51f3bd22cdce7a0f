// `diff --base REF` against real git repositories: the example repository committed, then edited in the working tree
// as a pull request edits it. A narrowed limit narrows with a witness, a raised one widens (and
// --detailed-exitcode says so), a comment changes nothing, an engine the base lacks is all new access, a ref git
// does not know is a clean error, and the JSON has its documented shape. No AWS, no emulator: nothing but git.
import { cp, readFile, symlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { AccessDiff } from '../../src/model.js';
import { runCli } from '../helpers/cli.js';
import { commitAll, gitRepo } from '../helpers/git.js';
import { applyChanges, makeRepo, PROJECT_ROOT, removeRepos, replace } from '../helpers/repo.js';

const LOCAL = 'CustomerService_local';
const REFUND = 'policies/business_rules/refund_under_500.cedar';
const REFUND_TOOL = 'RefundTarget___process_refund';

afterAll(removeRepos);

async function diff(root: string, ...args: string[]) {
  return runCli(['diff', '--dir', root, ...args]);
}

async function diffJson(root: string, ...args: string[]): Promise<AccessDiff> {
  const result = await diff(root, '--format', 'json', ...args);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as AccessDiff;
}

describe('diff --base', () => {
  it('says a lowered limit narrows the tool, with a request now denied, and names the policy edited', async () => {
    const { root, commit } = await gitRepo({}, { [REFUND]: replace('amount < 500', 'amount < 400') });
    const json = await diffJson(root, '--base', 'main', '--engine', LOCAL);
    expect(json.base).toEqual({ ref: 'main', commit });
    const [engine] = json.engines;
    expect(engine).toMatchObject({ engine: LOCAL, file: 'engines/local.yaml', status: 'kept' });
    expect(engine!.access).toHaveLength(1);
    expect(engine!.access[0]).toMatchObject({ action: REFUND_TOOL, verdict: 'narrows', newlyAllowed: [] });
    const witness = engine!.access[0]!.newlyDenied[0]!;
    expect(witness.principal.tags).toEqual({ username: 'refund-agent' });
    expect(witness.input.amount).toBeGreaterThanOrEqual(400);
    expect(witness.input.amount).toBeLessThan(500);
    expect(engine!.policies).toEqual([{ name: 'RefundUnder500', change: 'edited', fields: ['statement'], touches: [{ gateway: engine!.access[0]!.gateway, action: REFUND_TOOL }], widensAccess: false }]);
    expect(json).toMatchObject({ changesAccess: true, widensAccess: false, warnings: [] });

    const text = await diff(root, '--base', 'main', '--engine', LOCAL);
    expect(text.stdout).toContain(`[-] ${REFUND_TOOL} on refund-gateway-a1b2c3d4e5: narrows access`);
    expect(text.stdout).toMatch(/newly denied: caller username=refund-agent; input orderId=\S+, amount=4\d\d\n/);
    expect(text.stdout).toContain('[~] policy RefundUnder500 edited: statement\n');
    expect(text.stdout).toMatch(/Narrows access on 1 tool · 1 policy changed\.\n$/);
  });

  it('says a raised limit widens it in every engine, flags the policy, and exits 2 with --detailed-exitcode', async () => {
    const { root } = await gitRepo({}, { [REFUND]: replace('amount < 500', 'amount < 600') });
    const json = await diffJson(root, '--base', 'main');
    expect(json.engines.map((e) => [e.engine, e.access.map((a) => `${a.action} ${a.verdict}`)])).toEqual([
      [LOCAL, [`${REFUND_TOOL} widens`]],
      ['CustomerService_prod', [`${REFUND_TOOL} widens`]],
    ]);
    const witness = json.engines[0]!.access[0]!.newlyAllowed[0]!;
    expect(witness.input.amount).toBeGreaterThanOrEqual(500);
    expect(witness.input.amount).toBeLessThan(600);
    expect(json.engines[0]!.policies[0]).toMatchObject({ name: 'RefundUnder500', change: 'edited', widensAccess: true });
    expect(json.widensAccess).toBe(true);
    expect((await diff(root, '--base', 'main', '--detailed-exitcode')).code).toBe(2);
    const markdown = await diff(root, '--base', 'main', '--format', 'markdown');
    expect(markdown.stdout).toMatch(/^## agentcore-policy diff\n\n\*\*Widens access on 2 tools · 1 policy changed\*\* against <code>main \([0-9a-f]{7}\)<\/code>\n\n### Access\n/);
    expect(markdown.stdout).toContain('| <b>widens</b> | now allowed: caller username=refund-agent; input orderId=');
  });

  it('finds a comment-only edit changes no access: text only, exit 0 even with --detailed-exitcode', async () => {
    const { root } = await gitRepo({}, { [REFUND]: (text) => `// Raised by finance in 2025.\n${text}` });
    const result = await diff(root, '--base', 'main', '--engine', LOCAL, '--detailed-exitcode');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('[=] policy RefundUnder500 text only (comments or layout)\n');
    expect(result.stdout).toContain("Access: no tool's access changes.");
    const json = await diffJson(root, '--base', 'main', '--engine', LOCAL);
    expect(json.engines[0]!.policies).toEqual([{ name: 'RefundUnder500', change: 'text-only' }]);
    expect(json).toMatchObject({ changesAccess: false, widensAccess: false });
  });

  it('treats an engine the base does not have as all new access, and an engine only the base has as kept live', async () => {
    const production = await readFile(join(PROJECT_ROOT, 'engines/production.yaml'), 'utf8');
    const { root } = await gitRepo({ 'engines/production.yaml': null }, { 'engines/production.yaml': production });
    const json = await diffJson(root, '--base', 'main');
    const prod = json.engines.find((e) => e.engine === 'CustomerService_prod')!;
    expect(prod.status).toBe('new');
    expect(prod.access.length).toBeGreaterThan(3);
    expect(prod.access.every((a) => a.verdict === 'widens' && a.newlyAllowed.length > 0)).toBe(true);
    expect(prod.policies.every((p) => p.change === 'added')).toBe(true);
    expect(json.engines.find((e) => e.engine === LOCAL)).toMatchObject({ status: 'kept', access: [], policies: [] });

    await commitAll(root, 'production engine');
    await applyChanges(root, { 'engines/local.yaml': null });
    const removed = await diff(root, '--base', 'HEAD');
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/Engine CustomerService_local \(engines\/local\.yaml\): only at HEAD \([0-9a-f]{7}\): this tool never deletes an engine, so its live policies stay as they are\./);
  });

  it('reads the base from a policy repository in a subfolder of the git work tree, leaving symbolic links out', async () => {
    const { root } = await gitRepo({}, {}, { empty: true });
    const nested = join(root, 'policy-repo');
    for (const folder of ['engines', 'policies']) await cp(join(PROJECT_ROOT, folder), join(nested, folder), { recursive: true });
    await symlink('/etc/passwd', join(nested, 'policies/business_rules/stolen.cedar'));
    const base = await commitAll(root, 'nested repository');
    await applyChanges(nested, { 'policies/business_rules/stolen.cedar': null, [REFUND]: replace('amount < 500', 'amount < 400') });
    const json = await diffJson(nested, '--base', base.slice(0, 10), '--engine', LOCAL);
    expect(json.base).toEqual({ ref: base.slice(0, 10), commit: base });
    expect(json.engines[0]!.access.map((a) => a.verdict)).toEqual(['narrows']);
    expect(json.warnings).toEqual([
      { severity: 'warning', code: 'repository/git-ref', message: expect.stringContaining('policies/business_rules/stolen.cedar is a symbolic link'), file: 'policies/business_rules/stolen.cedar' },
    ]);
    const text = await diff(nested, '--base', base.slice(0, 10), '--engine', LOCAL);
    expect(text.stdout).toContain(`Access at the working tree against ${base.slice(0, 7)}:`);
  });

  it('refuses a base that does not validate, naming its files as git names a file at a ref', async () => {
    const { root } = await gitRepo({ [REFUND]: replace('amount < 500', 'amount <') }, { [REFUND]: replace('amount <', 'amount < 500') });
    const result = await diff(root, '--base', 'main');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(new RegExp(`^main:${REFUND}:\\d+:\\d+: error`, 'm'));
    expect(result.stderr).toContain('No diff: the repository at main cannot be compared.');
  });

  it('stops with a clean repository/git-ref error for a ref git does not know, and outside git', async () => {
    const { root } = await gitRepo();
    const unknown = await diff(root, '--base', 'no-such-branch');
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toContain('repository/git-ref');
    expect(unknown.stderr).toContain('git knows no commit "no-such-branch"');
    expect(unknown.stderr).not.toMatch(/internal error|\n\s+at /);
    const option = await diff(root, '--base=--output=x');
    expect(option.code).toBe(1);
    expect(option.stderr).toContain('"--output=x" is not a git ref');
    const outside = await diff(await makeRepo(), '--base', 'main');
    expect(outside.code).toBe(1);
    expect(outside.stderr).toContain('is not inside a git work tree');
    const missing = await runCli(['diff', '--dir', root]);
    expect(missing.stderr).toContain('--base REF is required');
  });
});
