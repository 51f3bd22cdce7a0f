// The bundled action end to end, run as the GitHub runner runs it: a fresh bundle of the source, INPUT_*
// variables, an event file, the output and summary files, a recording fake of GitHub's REST API, and the
// emulator as AgentCore.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { generateRepository } from '../helpers/generate-repo.js';
import { applyChanges, lineOf, makeRepo, PROJECT_ROOT, readRepoFile, removeRepos, replace } from '../helpers/repo.js';
import { startFakeGitHub, type FakeGitHub } from './fake-github.js';
import { enginesAt, LOCAL_ENGINE, PROD_ENGINE, repoOnEmulator } from './policy-repo.js';
import { runBundledAction, SECRETS, type ActionRun, type RunSpec } from './runner.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const RUN_URL = 'https://github.com/acme/policies/actions/runs/4242';
const HEAD_SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const MAIN_SHA = '0f1e2d3c4b5a69788796a5b4c3d2e1f001234567';
const REPOSITORY = { full_name: 'acme/policies', name: 'policies', owner: { login: 'acme' }, default_branch: 'main' };

let bundleFolder: string;
let github: FakeGitHub;
let emulator: Emulator;
const runs: ActionRun[] = [];

beforeAll(async () => {
  bundleFolder = await mkdtemp(join(tmpdir(), 'action-bundle-'));
  await promisify(execFile)(process.execPath, [join(PROJECT_ROOT, 'scripts/build-action.mjs'), '--out', bundleFolder]);
  [github, emulator] = await Promise.all([startFakeGitHub(), startEmulator({ transitionDelayMs: 0 })]);
});

afterAll(async () => {
  await Promise.all([github.close(), emulator.close(), removeRepos()]);
  await Promise.all([bundleFolder, ...runs.map((r) => r.folder)].map((folder) => rm(folder, { recursive: true, force: true })));
});

beforeEach(() => {
  github.comments.clear();
  github.requests.length = 0;
  github.readOnly = false;
});

// Whatever a case sent to GitHub carried no secret (the token travels only in the Authorization header).
afterEach(() => {
  for (const request of github.requests) for (const secret of Object.values(SECRETS)) expect(request.url + request.body).not.toContain(secret);
});

function pullRequest(number: number, headRepo = 'acme/policies'): RunSpec['event'] {
  const pull = { number, head: { sha: HEAD_SHA, repo: { full_name: headRepo } }, base: { ref: 'main', repo: { full_name: 'acme/policies' } } };
  return { name: 'pull_request', ref: `refs/pull/${number}/merge`, sha: MAIN_SHA, payload: { action: 'synchronize', number, pull_request: pull, repository: REPOSITORY } };
}

function push(branch: string, sha = MAIN_SHA): RunSpec['event'] {
  return { name: 'push', ref: `refs/heads/${branch}`, sha, payload: { ref: `refs/heads/${branch}`, after: sha, repository: REPOSITORY } };
}

/** Runs the bundled action and checks, as every run must, that no secret appears in anything it wrote. */
async function run(workspace: string, inputs: Record<string, string>, event: RunSpec['event']): Promise<ActionRun> {
  const result = await runBundledAction({ bundle: join(bundleFolder, 'index.js'), workspace, inputs, event, apiUrl: github.url });
  runs.push(result);
  await expectNoSecrets(result);
  return result;
}

async function expectNoSecrets(result: ActionRun): Promise<void> {
  const stdout = result.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')).join('\n');
  const written = [stdout, result.stderr, result.summary, JSON.stringify(result.outputs)];
  if (result.outputs['plan-file']) written.push(await readFile(result.outputs['plan-file'], 'utf8'));
  for (const text of written) for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
}

const commentsOf = (issue: number) => github.comments.get(issue) ?? [];

describe('plan on a pull request', PROCESS_TESTS, () => {
  it('creates one comment, then updates it in place on the next push, with summary, outputs and plan file', async () => {
    const workspace = await repoOnEmulator(emulator);
    const first = await run(workspace, { command: 'plan' }, pullRequest(7));
    expect(first.code, first.stderr).toBe(0);
    expect(first.outputs).toMatchObject({ 'has-changes': 'true', exitcode: '2' });
    const declared = parse(await readFile(join(PROJECT_ROOT, 'action.yml'), 'utf8')) as { outputs: Record<string, unknown> };
    expect(Object.keys(first.outputs).sort()).toEqual(Object.keys(declared.outputs).sort());
    expect(first.outputs.summary).toMatch(/^Plan: \d+ to create, \d+ to update, 0 to delete\. Tests passed: \d+\.$/);
    const plan = JSON.parse(await readFile(first.outputs['plan-file']!, 'utf8')) as { formatVersion: number; hasChanges: boolean };
    expect(plan).toMatchObject({ formatVersion: 1, hasChanges: true });
    expect(first.summary).toMatch(/^## agentcore-policy plan\n/);
    expect(first.summary).toContain('| CustomerService&#95;local |');
    expect(first.stdout).toContain(first.outputs.summary);

    const [created] = commentsOf(7);
    expect(commentsOf(7)).toHaveLength(1);
    expect(created!.body.split('\n')[0]).toBe('<!-- agentcore-policy:plan -->');
    expect(created!.body).toMatch(/^<!-- agentcore-policy:plan -->\n## agentcore-policy plan\n\n\*\*Widens access on \d+ tools · .* · tests \d+\/\d+ · applies on merge to main\*\*\n\n### Access\n/);
    const firstBody = created!.body;
    expect(firstBody).toContain('+  context.input.amount < 500\n');
    expect(created!.body).toContain(`<sub>Planned commit <code>${HEAD_SHA.slice(0, 7)}</code> · [workflow run](${RUN_URL}) · On merge to <code>main</code>, apply changes <code>CustomerService&#95;local</code>`);

    await applyChanges(workspace, { 'policies/business_rules/refund_under_500.cedar': replace('context.input.amount < 500', 'context.input.amount < 600') });
    const second = await run(workspace, { command: 'plan' }, pullRequest(7));
    expect(second.code, second.stderr).toBe(0);
    expect(commentsOf(7)).toEqual([expect.objectContaining({ id: created!.id })]);
    expect(commentsOf(7)[0]!.body).toContain('+  context.input.amount < 600\n');
    expect(github.requests.filter((r) => r.method !== 'GET').map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /repos/acme/policies/issues/7/comments',
      `PATCH /repos/acme/policies/issues/comments/${created!.id}`,
    ]);
  });

  it('turns validation and test failures into annotations on their lines, and fails the step', async () => {
    const tests = 'policies/business_rules/refunds.test.yaml';
    const workspace = await repoOnEmulator(emulator, { [tests]: replace('  expect: allow\n', '  expect: deny\n') });
    const result = await run(workspace, { command: 'plan', engines: LOCAL_ENGINE }, pullRequest(8));
    expect(result.code).toBe(1);
    expect(result.outputs.exitcode).toBe('1');
    expect(result.outputs.summary).toMatch(/Tests failed: \d+ passed, 1 failed\.$/);
    const line = lineOf(await readRepoFile(workspace, tests), '- name: a refund of 450 by refund-agent is allowed');
    expect(result.stdout).toContain(`::error file=${tests},line=${line},col=3,title=test/failed::a refund of 450 by refund-agent is allowed [${LOCAL_ENGINE}]: expected deny, got allow`);
    expect(result.stdout).toMatch(/^::error::Plan: .*Tests failed/m);
    expect(commentsOf(8)[0]!.body.split('\n')[0]).toBe(`<!-- agentcore-policy:plan engines=${LOCAL_ENGINE} -->`);
    expect(commentsOf(8)[0]!.body).toContain('- **FAIL** a refund of 450 by refund-agent is allowed');
  });
});

describe('a pull request from a fork', PROCESS_TESTS, () => {
  it('gets the offline checks only: no request reaches AgentCore, and the comment says so', async () => {
    const workspace = await repoOnEmulator(emulator);
    emulator.resetStats();
    const result = await run(workspace, { command: 'plan' }, pullRequest(9, 'mallory/policies'));
    expect(emulator.stats().requests).toBe(0);
    expect(result.code, result.stderr).toBe(0);
    expect(result.outputs).toMatchObject({ 'has-changes': 'false', 'plan-file': '', exitcode: '0' });
    expect(result.outputs.summary).toMatch(/^Offline checks only \(pull request from a fork, no live plan\)\. Tests passed: \d+\.$/);
    expect(commentsOf(9)[0]!.body).toContain('**Offline checks only.** This pull request comes from a fork');
    expect(result.summary).toContain('**Offline checks only.**');
  });

  it('keeps the report in the job summary when the read-only token cannot comment', async () => {
    const workspace = await repoOnEmulator(emulator);
    github.readOnly = true;
    const result = await run(workspace, { command: 'plan' }, pullRequest(10, 'mallory/policies'));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^::warning::Could not comment on the pull request from a fork: Resource not accessible by integration/m);
    expect(result.summary).toContain('**Offline checks only.**');
  });
});

describe('apply', PROCESS_TESTS, () => {
  it('applies on a push to the default branch, reports on the merged pull request, and converges on a re-run', async () => {
    const service = await startEmulator({ transitionDelayMs: 0 });
    try {
      const workspace = await repoOnEmulator(service);
      github.pullsByCommit.set(MAIN_SHA, [{ number: 20, base: { ref: 'main' }, merged_at: '2026-01-02T03:04:05Z', merge_commit_sha: MAIN_SHA }]);
      const first = await run(workspace, { command: 'apply', engines: LOCAL_ENGINE }, push('main'));
      expect(first.code, first.stderr).toBe(0);
      expect(first.outputs).toMatchObject({ 'has-changes': 'true', exitcode: '0' });
      expect(first.outputs.summary).toMatch(/^Apply complete! Resources: \d+ added, \d+ changed, 0 destroyed\.$/);
      expect(service.stats().byOperation.CreatePolicy).toBeGreaterThan(5);
      expect(first.stdout).toContain(`${LOCAL_ENGINE}: phase permits-created`);
      expect(first.summary).toMatch(/^## agentcore-policy apply\n\n\*\*Apply complete&#33; Resources&#58; \d+ added, \d+ changed, 0 destroyed\. · took [\d.]+ s\*\*/);
      const [comment] = commentsOf(20);
      expect(comment!.body.split('\n', 2)).toEqual([`<!-- agentcore-policy:apply engines=${LOCAL_ENGINE} -->`, '## agentcore-policy apply']);
      expect(comment!.body).toContain('| permits-created | create policy RefundUnder500');
      expect(comment!.body).toContain(`commit <code>${MAIN_SHA.slice(0, 7)}</code>`);

      const again = await run(workspace, { command: 'apply', engines: LOCAL_ENGINE }, push('main'));
      expect(again.code, again.stderr).toBe(0);
      expect(again.outputs).toMatchObject({ 'has-changes': 'false', exitcode: '0', summary: 'No changes. Live engines match the repository.' });
      expect(commentsOf(20)).toEqual([expect.objectContaining({ id: comment!.id, body: expect.stringContaining('**No changes. Live engines match the repository.') })]);
    } finally {
      await service.close();
    }
  });

  it('is refused on a pull request and on a branch other than the default, touching nothing', async () => {
    const workspace = await repoOnEmulator(emulator);
    emulator.resetStats();
    const onPull = await run(workspace, { command: 'apply' }, pullRequest(11));
    expect(onPull.code).toBe(1);
    expect(onPull.outputs.summary).toBe('Refused: apply never runs on pull_request events: merge the pull request and apply from the default branch.');
    const onBranch = await run(workspace, { command: 'apply' }, push('feature'));
    expect(onBranch.code).toBe(1);
    expect(onBranch.outputs.summary).toBe('Refused: apply runs only on the default branch (main); this run is on refs/heads/feature.');
    expect(onBranch.summary).toContain('> [!CAUTION]\n> **Apply refused**');
    expect(emulator.stats().requests).toBe(0);
    expect(github.requests).toEqual([]);
  });
});

describe('the engines of a workflow matrix', PROCESS_TESTS, () => {
  it('validate names the engines that are not local, as the JSON the next jobs fromJSON', async () => {
    const workspace = await makeRepo();
    const result = await run(workspace, { command: 'validate', comment: 'false' }, push('main'));
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.outputs.engines!)).toEqual([PROD_ENGINE]);
  });
});

describe('a 3,000-policy plan', PROCESS_TESTS, () => {
  it('keeps the comment under 65,536 characters, links to the job summary, and keeps the summary under 1 MiB', async () => {
    const workspace = await mkdtemp(join(tmpdir(), 'action-large-'));
    await generateRepository(workspace, 3000, 20);
    await applyChanges(workspace, enginesAt(emulator.url));
    const { loadRepository } = await import('../../src/repository/load.js');
    for (const engine of (await loadRepository(workspace)).repository.engines) expect(emulator.seedGateways(engine.gateways)).toEqual([]);
    const result = await run(workspace, { command: 'plan', engines: 'Generated_local' }, pullRequest(12));
    await rm(workspace, { recursive: true, force: true });
    expect(result.code, result.stderr).toBe(0);
    const body = commentsOf(12)[0]!.body;
    expect(body.length).toBeLessThan(65_536);
    expect(body).toContain('| <b>Generated&#95;local</b> |');
    expect(body).toContain(`[Read the full plan](${RUN_URL})`);
    expect(Buffer.byteLength(result.summary)).toBeLessThan(1024 * 1024);
  });
});

describe('the committed bundle', PROCESS_TESTS, () => {
  it('runs from another folder: loads the Cedar wasm beside it and checks policies with it', async () => {
    const broken = 'policies/business_rules/refund_under_500.cedar';
    const workspace = await repoOnEmulator(emulator, { [broken]: replace('context.input.amount < 500', 'context.input.amount <') });
    const result = await runBundledAction({
      bundle: join(PROJECT_ROOT, 'action-dist/index.js'),
      workspace,
      inputs: { command: 'validate', comment: 'false' },
      event: push('main'),
      apiUrl: github.url,
    });
    runs.push(result);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(new RegExp(`^::error file=${broken},line=\\d+,col=\\d+,title=cedar/syntax::unexpected token`, 'm'));
    expect(result.outputs.summary).toMatch(/^Validation failed: 1 error/);
  });
});

