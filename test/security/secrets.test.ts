// Fake AWS credentials and a fake GitHub token in the environment of every command and of the action, run as
// separate processes: none of them may show up in any output, in any file left behind, or in any request except in
// the one header that carries it (the SigV4 credential scope, the session-token header, the GitHub Authorization).
// The production engine's endpoint is the loopback address written as an IPv4-mapped IPv6 address, which the
// client does not take for a local engine: it signs with the real credential chain, as it would for AWS.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPolicy } from '../../src/agentcore/index.js';
import { startFakeGitHub, type FakeGitHub } from '../action/fake-github.js';
import { runBundledAction, SECRETS, type ActionRun } from '../action/runner.js';
import { TIGHTEN_REFUNDS } from '../apply/fixtures.js';
import { PROD, startService, type Service } from '../apply/service.js';
import { applyChanges, makeRepo, removeRepos, replace } from '../helpers/repo.js';
import { buildBundle, MAIN_SHA, pullRequestEvent, pushToMainEvent } from './action-runs.js';
import { startEchoingService, type EchoingService } from './echoing-service.js';
import { filesUnder, GITHUB_TOKEN_HEADER, secretsIn, SESSION_TOKEN_HEADER, SIGV4_HEADER, wireFindings } from './leaks.js';
import { credentialsEnv, runCliProcess, spawnCli, type ProcessRun } from './processes.js';
import { startTap, type Tap } from './tap.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const remote = (port: number) => `http://[::ffff:127.0.0.1]:${port}`;
const prodAt = (url: string) => ({ 'engines/production.yaml': replace('region: us-east-1\n', `region: us-east-1\nendpoint: ${url}\n`) });
const UNMANAGED = `permit(principal is AgentCore::OAuthUser, action == AgentCore::Action::"RefundTarget___process_refund", resource == AgentCore::Gateway::"arn:aws:bedrock-agentcore:us-east-1:210987654321:gateway/refund-gateway-q8w7e6r5t4") when { principal.hasTag("username") && principal.getTag("username") == "console-user" };`;

const folders: string[] = [];
async function folder(prefix: string): Promise<string> {
  const path = await mkdtemp(join(tmpdir(), prefix));
  folders.push(path);
  return path;
}

afterAll(async () => {
  await removeRepos();
  await Promise.all(folders.map((f) => rm(f, { recursive: true, force: true })));
});

/** Output as the person or the log sees it; the action's `::add-mask::` commands are read by the runner, not shown. */
function shown(run: { stdout: string; stderr: string }): string {
  return [...run.stdout.split('\n').filter((line) => !line.startsWith('::add-mask::')), run.stderr].join('\n');
}

async function leaksInFiles(...roots: string[]): Promise<string[]> {
  const files = (await Promise.all(roots.map(filesUnder))).flat();
  return files.flatMap(({ path, text }) => secretsIn(text).map((name) => `${name} in ${path}`));
}

function leaksInRuns(runs: { args?: string[]; stdout: string; stderr: string }[]): string[] {
  return runs.flatMap((run) => secretsIn(shown(run)).map((name) => `${name} in the output of ${run.args?.join(' ') ?? 'the action'}`));
}

async function emulatorCommand(root: string, env: Record<string, string>): Promise<ProcessRun> {
  const args = ['emulator', '--port', '0', '--seed', 'engines/local.yaml'];
  const child = spawnCli(args, root, env);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /listening on (\S+)/.exec(stdout);
      if (match && stdout.includes('Press Ctrl+C')) resolve(match[1]!);
    });
    child.on('close', () => reject(new Error(`the emulator ended early: ${stderr}`)));
  });
  expect((await fetch(`${url}/policy-engines`)).status).toBe(200);
  const code = await new Promise<number>((resolve) => {
    child.removeAllListeners('close');
    child.on('close', (exit) => resolve(exit ?? -1));
    child.kill('SIGTERM');
  });
  return { args, code, stdout, stderr };
}

describe('every command, with credentials in its environment', PROCESS_TESTS, () => {
  let service: Service;
  let tap: Tap;
  let root: string;
  let home: string;
  const runs: ProcessRun[] = [];

  beforeAll(async () => {
    service = await startService({ transitionDelayMs: 0 });
    tap = await startTap(service.emulator.url);
    root = await makeRepo(prodAt(remote(tap.port)));
    home = await folder('security-home-');
  });
  afterAll(async () => {
    await tap.close();
    await service.close();
  });

  // One case: the leak checks read what the runs left, so they are never run without them (or before them).
  it('runs validate, fmt, test, plan, apply, emergency, import and the emulator against live engines, and leaks the credentials nowhere', async () => {
    const env = credentialsEnv(home);
    const run = async (expected: number, ...args: string[]) => {
      const result = await runCliProcess(args, root, env);
      runs.push(result);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(expected);
      return result;
    };
    // The offline commands and the emulator touch no live state: they run side by side.
    const offline = Promise.all([run(0, 'validate'), run(0, 'fmt', '--check'), run(0, 'test'), emulatorCommand(root, env)]);
    await run(2, 'plan', '--detailed-exitcode');
    await run(0, 'plan', '--format', 'json', '--out', 'plan.json');
    await run(0, 'plan', '--format', 'markdown');
    await run(0, 'apply', 'plan.json');
    expect((await service.policies(PROD)).length).toBeGreaterThan(5);
    await run(0, 'emergency', 'engage', 'EmergencyRefundShutdown', '--engine', PROD, '--reason', 'refund fraud spike, INC-1234');
    await run(0, 'emergency', 'disengage', 'EmergencyRefundShutdown', '--engine', PROD, '--reason', 'INC-1234 resolved');
    const engine = await service.engine(PROD);
    await createPolicy(service.sdk(PROD), { policyEngineId: engine.policyEngineId, name: 'ConsoleRefunds', statement: UNMANAGED });
    expect((await run(0, 'import', '--engine', PROD)).stdout).toContain('Imported 1 live policy');
    await applyChanges(root, TIGHTEN_REFUNDS);
    expect((await run(0, 'apply', '--auto-approve')).stdout).toContain('Apply complete!');
    const emulator = (await offline)[3];
    expect(emulator.code, emulator.stderr).toBe(0);
    runs.push(emulator);

    expect(runs.length).toBe(12);
    expect(leaksInRuns(runs)).toEqual([]);
    expect(await leaksInFiles(root, home)).toEqual([]);
    const requests = tap.requests();
    const { allowed, leaks } = wireFindings(requests, [SIGV4_HEADER, SESSION_TOKEN_HEADER]);
    expect(leaks).toEqual([]);
    // Every request was signed with the environment's credentials: the check above looked at real signed traffic.
    expect(requests.length).toBeGreaterThan(50);
    expect(allowed).toEqual([requests.length, requests.length]);
  });
});

describe('the action, with credentials in its environment', PROCESS_TESTS, () => {
  let service: Service;
  let awsTap: Tap;
  let github: FakeGitHub;
  let githubTap: Tap;
  let bundle: string;
  const runs: ActionRun[] = [];

  beforeAll(async () => {
    [service, github, bundle] = await Promise.all([startService({ transitionDelayMs: 0 }), startFakeGitHub(), buildBundle()]);
    folders.push(join(bundle, '..'));
    [awsTap, githubTap] = await Promise.all([startTap(service.emulator.url), startTap(github.url)]);
  });
  afterAll(async () => {
    await Promise.all([awsTap.close(), githubTap.close()]);
    await Promise.all([service.close(), github.close()]);
    await Promise.all(runs.map((r) => rm(r.folder, { recursive: true, force: true })));
  });

  it('plans on a pull request and applies on a push, commenting both times, and leaks the credentials nowhere', async () => {
    const workspace = await makeRepo(prodAt(remote(awsTap.port)));
    const action = async (command: string, event: ReturnType<typeof pullRequestEvent>) => {
      const result = await runBundledAction({ bundle, workspace, inputs: { command }, event, apiUrl: `http://127.0.0.1:${githubTap.port}` });
      runs.push(result);
      expect(result.code, result.stderr).toBe(0);
      return result;
    };
    expect((await action('plan', pullRequestEvent(7))).outputs['has-changes']).toBe('true');
    github.pullsByCommit.set(MAIN_SHA, [{ number: 7, base: { ref: 'main' }, merged_at: '2026-01-02T03:04:05Z', merge_commit_sha: MAIN_SHA }]);
    expect((await action('apply', pushToMainEvent())).outputs.summary).toMatch(/^Apply complete!/);
    expect(github.comments.get(7)).toHaveLength(2);
    expect(await leaksInFiles(workspace)).toEqual([]);

    expect(runs.length).toBe(2);
    for (const run of runs) {
      // The runner masks these in its log once the action asks it to; asking is the one place they may appear.
      expect(run.stdout).toContain(`::add-mask::${SECRETS.token}`);
      expect(leaksInRuns([run])).toEqual([]);
      expect(secretsIn(run.summary + JSON.stringify(run.outputs))).toEqual([]);
      expect(await leaksInFiles(run.folder)).toEqual([]);
    }
    const aws = awsTap.requests();
    const fromAws = wireFindings(aws, [SIGV4_HEADER, SESSION_TOKEN_HEADER]);
    expect(fromAws.leaks).toEqual([]);
    expect(aws.length).toBeGreaterThan(20);
    expect(fromAws.allowed).toEqual([aws.length, aws.length]);
    const toGitHub = githubTap.requests();
    const fromGitHub = wireFindings(toGitHub, [GITHUB_TOKEN_HEADER]);
    expect(fromGitHub.leaks).toEqual([]);
    expect(toGitHub.filter((r) => r.head[0]!.startsWith('POST /repos/acme/policies/issues/7/comments '))).toHaveLength(2);
    expect(fromGitHub.allowed).toEqual([toGitHub.length]);
  });
});

describe('an AgentCore error that echoes the credentials back', PROCESS_TESTS, () => {
  let echoing: EchoingService;
  let bundle: string;
  let root: string;
  let home: string;

  beforeAll(async () => {
    [echoing, bundle] = await Promise.all([startEchoingService(SECRETS.secretAccessKey), buildBundle()]);
    folders.push(join(bundle, '..'));
    root = await makeRepo(prodAt(remote(echoing.port)));
    home = await folder('security-home-');
  });
  afterAll(() => echoing.close());

  /** What a run printed must show the service's words, with the access key id, signature and token masked. */
  function expectRedacted(output: string): void {
    expect(output).toContain('The request signature we calculated does not match');
    expect(output).toContain('Credential=AKIA************/');
    expect(output).toContain('Signature=***');
    expect(output).toContain('x-amz-security-token:***');
    expect(secretsIn(output)).toEqual([]);
    for (const signature of echoing.signatures) expect(output).not.toContain(signature);
  }

  /** What a run printed of a message echoing bare values: the service's words, the values masked. */
  function expectBareRedacted(output: string): void {
    expect(output).toContain('Access is denied to *** (***) until further notice.');
    expect(secretsIn(output)).toEqual([]);
  }

  it.each([
    ['AccessDeniedException', ['plan', '--engine', PROD], 'with names', 'canonical'],
    ['AccessDeniedException', ['plan', '--engine', PROD], 'bare', 'raw'],
    ['AccessDeniedException', ['plan', '--engine', PROD, '--format', 'json'], 'bare', 'raw'],
    ['ValidationException', ['apply', '--auto-approve', '--engine', PROD], 'bare', 'raw'],
    ['ValidationException', ['apply', '--auto-approve', '--engine', PROD], 'with names', 'canonical'],
    ['ConflictException', ['import', '--engine', PROD], 'with names', 'canonical'],
  ] as const)('is printed redacted when the service answers %s to %s, echoing the credentials %s', async (error, args, _, echo) => {
    echoing.error = error;
    echoing.echo = echo;
    const run = await runCliProcess([...args], root, credentialsEnv(home));
    expect(run.code).toBe(1);
    if (echo === 'raw') expectBareRedacted(shown(run));
    else expectRedacted(shown(run));
  });

  it('is printed redacted when the credentials come from a credentials file, not the environment', async () => {
    echoing.echo = 'raw';
    echoing.error = 'AccessDeniedException';
    const profileHome = await folder('security-profile-home-');
    await mkdir(join(profileHome, '.aws'));
    await writeFile(
      join(profileHome, '.aws', 'credentials'),
      `[default]\naws_access_key_id = ${SECRETS.accessKeyId}\naws_secret_access_key = ${SECRETS.secretAccessKey}\naws_session_token = ${SECRETS.sessionToken}\n`,
    );
    const { AWS_ACCESS_KEY_ID: _id, AWS_SECRET_ACCESS_KEY: _key, AWS_SESSION_TOKEN: _token, ...env } = credentialsEnv(profileHome);
    const run = await runCliProcess(['plan', '--engine', PROD], root, env);
    expect(run.code).toBe(1);
    expectBareRedacted(shown(run));
  });

  it('the action masks a credential value that reaches its report by a path no service message takes', async () => {
    // A manifest key that happens to be the session token: validate quotes it in an unknown-key error.
    const workspace = await makeRepo({ ...prodAt(remote(echoing.port)), 'policies/business_rules/policies.yaml': replace('    file: refund_under_500.cedar\n', `    file: refund_under_500.cedar\n    ${SECRETS.sessionToken}: 1\n`) });
    const github = await startFakeGitHub();
    try {
      const run = await runBundledAction({ bundle, workspace, inputs: { command: 'plan', engines: PROD }, event: pullRequestEvent(9), apiUrl: github.url });
      folders.push(run.folder);
      expect(run.code).toBe(1);
      const comment = github.comments.get(9)?.[0]?.body ?? '';
      for (const text of [shown(run), run.summary, comment, JSON.stringify(run.outputs)]) expect(secretsIn(text)).toEqual([]);
      expect(shown(run)).toContain('unknown key "***"');
      expect(comment).toContain('repository/unknown-key');
      expect(await leaksInFiles(run.folder)).toEqual([]);
    } finally {
      await github.close();
    }
  });

  it.each(['canonical', 'raw'] as const)('is redacted in the action log, summary, plan file, outputs and comment (%s echo)', async (echo) => {
    echoing.error = 'AccessDeniedException';
    echoing.echo = echo;
    const github = await startFakeGitHub();
    try {
      const run = await runBundledAction({ bundle, workspace: root, inputs: { command: 'plan', engines: PROD }, event: pullRequestEvent(8), apiUrl: github.url });
      folders.push(run.folder);
      expect(run.code).toBe(1);
      const comment = github.comments.get(8)?.[0]?.body ?? '';
      for (const text of [shown(run), run.summary, comment]) {
        expect(secretsIn(text)).toEqual([]);
        for (const signature of echoing.signatures) expect(text).not.toContain(signature);
      }
      if (echo === 'raw') expectBareRedacted(shown(run));
      else expectRedacted(shown(run));
      // The summary and the comment quote the service too (in Markdown's escapes), with the secrets masked above.
      for (const text of [run.summary, comment]) expect(text).toContain(echo === 'raw' ? 'Access is denied to' : 'The request signature we calculated');
      expect(await leaksInFiles(run.folder)).toEqual([]);
      expect(comment).toContain('Not planned');
      expect(secretsIn(JSON.stringify(run.outputs))).toEqual([]);
    } finally {
      await github.close();
    }
  });
});
