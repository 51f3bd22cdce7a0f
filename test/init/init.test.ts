// `init` end to end: the template in an empty folder passes validate and test at once and plans on the embedded
// local engine; a file in the way is named and nothing is written; and `init --from-live` against a running
// `agentcore-policy emulator` holding an engine with policies and gateways writes a repository whose plan says
// "No changes".
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { makeRepo, PROJECT_ROOT, removeRepos } from '../helpers/repo.js';
import { serveRepository } from '../helpers/served-emulator.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';
import { LOCAL } from '../apply/service.js';

const folders: string[] = [];
const children: ChildProcess[] = [];
const emptyFolder = () => {
  const folder = mkdtempSync(join(tmpdir(), 'agentcore-policy-init-'));
  folders.push(folder);
  return folder;
};
afterEach(() => {
  for (const child of children.splice(0)) child.kill('SIGKILL');
});
afterAll(async () => {
  await removeRepos();
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function filesUnder(root: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(root, prefix), { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(root, `${prefix}${e.name}/`) : [`${prefix}${e.name}`])));
  return nested.flat().sort();
}

describe('init', PROCESS_TESTS, () => {
  it('scaffolds a repository that validates, tests and plans at once, with the workflows this project ships', async () => {
    const root = emptyFolder();
    const init = await runCli(['init'], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
    expect(await filesUnder(root)).toEqual([
      '.github/workflows/policy-apply.yml',
      '.github/workflows/policy-plan.yml',
      '.gitignore',
      'README.md',
      'engines/CustomerService_local.yaml',
      'policies/authentication/policies.yaml',
      'policies/authorization/policies.yaml',
      'policies/business_rules/policies.yaml',
      'policies/business_rules/refund_under_500.cedar',
      'policies/business_rules/refunds.test.yaml',
      'policies/emergency/policies.yaml',
    ]);
    for (const workflow of ['policy-plan.yml', 'policy-apply.yml']) {
      expect(readFileSync(join(root, '.github/workflows', workflow), 'utf8')).toBe(readFileSync(join(PROJECT_ROOT, '.github/workflows', workflow), 'utf8'));
    }
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^\.agentcore-policy\/$/m);
    expect(readFileSync(join(root, 'engines/CustomerService_local.yaml'), 'utf8')).toMatch(/^endpoint: local +# the embedded local engine/m);

    const validated = await runCli(['validate'], { cwd: root });
    expect(validated.stdout, validated.stderr).toBe('Valid: 1 policy, 1 engine, 3 test cases; 0 errors, 0 warnings.\n');
    const tested = await runCli(['test'], { cwd: root });
    expect(tested.code, tested.stdout).toBe(0);
    expect(tested.stdout).toContain('3 passed, 0 failed');
    const planned = await runCli(['plan'], { cwd: root });
    expect(planned.code, planned.stderr).toBe(0);
    expect(planned.stdout).toContain('Plan: 2 to create, 1 to update, 0 to delete.');
  });

  it('writes nothing when a file is in the way, and names it', async () => {
    const root = emptyFolder();
    writeFileSync(join(root, 'README.md'), '# mine\n');
    await mkdir(join(root, 'policies/emergency'), { recursive: true });
    writeFileSync(join(root, 'policies/emergency/policies.yaml'), 'policies: []\n');
    const refused = await runCli(['init', '--dir', root], { cwd: tmpdir() });
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    const errors = refused.stderr.trim().split('\n');
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/policies\/emergency\/policies\.yaml: error init\/file-exists: policies\/emergency\/policies\.yaml already exists; init never overwrites a file, so nothing was written/);
    expect(errors[1]).toMatch(/README\.md: error init\/file-exists: README\.md already exists/);
    expect(await filesUnder(root)).toEqual(['README.md', 'policies/emergency/policies.yaml']);
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toBe('# mine\n');
  });

  it('refuses an engine name, region or endpoint the engine file cannot hold, in words, before anything is read', async () => {
    const root = emptyFolder();
    const refused = await runCli(['init', '--from-live', '--engine-name', 'my-engine', '--region', 'us-west-2', '--endpoint', 'localhost:4566'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('error repository/schema: the engine file init would write is not valid: --engine-name must start with a letter');
    expect(refused.stderr).toContain('--endpoint must be local (the embedded local engine) or an http:// or https:// URL');
    expect(await filesUnder(root)).toEqual([]);
  });

  it('from a live engine in a running emulator: its gateways and policies, and a plan that says No changes', async () => {
    const source = await makeRepo();
    const served = await serveRepository(source, (child) => children.push(child));
    expect((await runCli(['apply', '--engine', LOCAL, '--auto-approve'], { cwd: source })).code).toBe(0);

    const root = emptyFolder();
    const init = await runCli(['init', '--from-live', '--engine-name', LOCAL, '--region', 'us-west-2', '--endpoint', served.url], { cwd: root });
    expect(init.code, init.stderr).toBe(0);
    expect(init.stdout).toMatch(/Read the live engine CustomerService_local-[a-z0-9_]{10}: 5 gateways attached, 9 policies written down\./);
    const engine = readFileSync(join(root, `engines/${LOCAL}.yaml`), 'utf8');
    expect(engine).toContain(`endpoint: ${served.url}\n`);
    expect(engine).toContain('\n  refund_gateway: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5\n');
    expect(engine).toMatch(/- arn: "\{\{refund_gateway\}\}"\n {4}mode: ENFORCE\n {4}authorizerType: CUSTOM_JWT\n {4}targets:\n {6}- name: RefundTarget\n/);
    // The policies are written down as import writes them: ARNs as the engine's variables.
    expect(readFileSync(join(root, 'policies/business_rules/refund_under_500.cedar'), 'utf8')).toContain('AgentCore::Gateway::"{{refund_gateway}}"');
    expect(existsSync(join(root, 'policies/emergency/policies.yaml'))).toBe(true);

    const validated = await runCli(['validate'], { cwd: root });
    expect(validated.code, validated.stdout + validated.stderr).toBe(0);
    const planned = await runCli(['plan', '--detailed-exitcode'], { cwd: root });
    expect(planned.stderr).toBe('');
    expect(planned.stdout).toContain('No changes.');
    expect(planned.code).toBe(0);

    served.child.kill('SIGINT');
    expect((await served.exit).code).toBe(0);
  });
});
