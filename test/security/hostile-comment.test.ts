// A pull request that tries to break the plan comment: descriptions, file names, a Cedar comment and a test name
// full of HTML, `</details>`, mentions, issue references, backticks and fence markers, pipes, bidirectional
// overrides and a 100,000-character line. The comments the action posts (plan on the pull request, apply on the
// merge) and the job summary must stay well-formed and mention no one (comment-shape.ts says what that means).
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type Emulator } from '../../src/emulator/index.js';
import { runApply } from '../../src/run/apply.js';
import { startFakeGitHub, type FakeGitHub } from '../action/fake-github.js';
import { LOCAL_ENGINE, repoOnEmulator } from '../action/policy-repo.js';
import { runBundledAction, type ActionRun } from '../action/runner.js';
import { applyChanges, removeRepos, replace } from '../helpers/repo.js';
import { buildBundle, MAIN_SHA, pullRequestEvent, pushToMainEvent } from './action-runs.js';
import { commentProblems } from './comment-shape.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const HOSTILE = '<img src=x onerror=alert(1)></details></summary><details open> @octocat @acme/security #123 GH-9 ``` | a | b | ~~~ `x` \u202eevil\u202c \u2066iso\u2069 [x](javascript:alert(1))';
const FILE_PART = '<details open><img src=x>@octocat #1 `x` | ``` \u202e';
const ENGINE_FILE = `engines/${FILE_PART}.yaml`;
const POLICY_FILE = `${FILE_PART}.cedar`;
const TEST_FILE = `policies/business_rules/${FILE_PART}.test.yaml`;
const GATEWAY = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/refund-gateway-a1b2c3d4e5';

/** Every field a pull request controls that a comment quotes, made hostile; the repository still plans. */
async function makeHostile(workspace: string): Promise<void> {
  const engine = (await readFile(join(workspace, 'engines/local.yaml'), 'utf8')).replace(/^description: .*$/m, `description: ${JSON.stringify(HOSTILE)}`);
  const testCase = [
    `- name: ${JSON.stringify(`${HOSTILE} ${'A'.repeat(100_000)}`)}`,
    '  principal: { type: OAuthUser, id: user-1, tags: { username: refund-agent } }',
    '  action: RefundTarget___process_refund',
    '  resource: "{{refund_gateway}}"',
    '  input: { orderId: "1", amount: 10 }',
    '  expect: deny',
    '',
  ].join('\n');
  await applyChanges(workspace, {
    'engines/local.yaml': null,
    [ENGINE_FILE]: engine,
    'policies/business_rules/policies.yaml': (text) =>
      replace('version: 1.0.0\n    description: Allow refund-agent to process refunds under $500', `version: 1.1.0\n    description: ${JSON.stringify(HOSTILE)}`)(text) +
      `  - name: HostileFileName\n    file: ${JSON.stringify(POLICY_FILE)}\n    version: 1.0.0\n    description: ${JSON.stringify(HOSTILE)}\n    engines: [${LOCAL_ENGINE}]\n`,
    'policies/business_rules/refund_under_500.cedar': (text) => `// ${HOSTILE}\n// \`\`\`\`\`\`\n${text.replace('amount < 500', 'amount < 400')}`,
    // `resource is` with a named action: a lint warning that quotes this file's name.
    [`policies/business_rules/${POLICY_FILE}`]: `permit (\n  principal is AgentCore::OAuthUser,\n  action == AgentCore::Action::"RefundTarget___process_refund",\n  resource is AgentCore::Gateway\n)\nwhen { context.input.amount < 10 };\n`,
    [TEST_FILE]: testCase,
  });
}

let emulator: Emulator;
let github: FakeGitHub;
let bundle: string;
const runs: ActionRun[] = [];

beforeAll(async () => {
  [emulator, github, bundle] = await Promise.all([startEmulator({ transitionDelayMs: 0 }), startFakeGitHub(), buildBundle()]);
});
afterAll(async () => {
  await Promise.all([emulator.close(), github.close(), removeRepos()]);
  await Promise.all([join(bundle, '..'), ...runs.map((r) => r.folder)].map((f) => rm(f, { recursive: true, force: true })));
});

async function action(workspace: string, command: string, event: ReturnType<typeof pullRequestEvent>): Promise<ActionRun> {
  const run = await runBundledAction({ bundle, workspace, inputs: { command, engines: LOCAL_ENGINE }, event, apiUrl: github.url });
  runs.push(run);
  return run;
}

describe('a hostile pull request', PROCESS_TESTS, () => {
  let workspace: string;

  beforeAll(async () => {
    workspace = await repoOnEmulator(emulator);
    const first = await runApply({ root: workspace, engines: [LOCAL_ENGINE], client: { env: {} } });
    expect(first.report.status).toBe('applied');
    await makeHostile(workspace);
  });

  it('gets a plan comment that stays well-formed and mentions no one', async () => {
    const run = await action(workspace, 'plan', pullRequestEvent(31));
    expect(run.code).toBe(1);
    const body = github.comments.get(31)![0]!.body;
    expect(commentProblems(body)).toEqual([]);
    expect(commentProblems(run.summary)).toEqual([]);
    // What was quoted is there, defused: the description change, the diff, the warning on the file, the failed case.
    expect(body).toMatch(/policy RefundUnder500 .*will be updated&#58; statement, description, version/);
    expect(body).toContain('&#60;img src=x onerror=alert(1)&#62;&#60;/details&#62;');
    expect(body).toContain('@\u200doctocat');
    expect(body).toContain('\n+// <img src=x onerror=alert(1)></details></summary><details open> @octocat');
    expect(body).toContain('\\u{202e}evil');
    expect(body).toMatch(/resource-type-with-specific-action<\/code> policies\/business&#95;rules\/&#60;details open&#62;/);
    expect(body).toMatch(/- \*\*FAIL\*\* &#60;img.*AAAA…/);
    expect(body).toMatch(/<summary><b>CustomerService&#95;local<\/b> \(<code>engines\/&#60;details open&#62;/);
    expect(body.length).toBeLessThan(65_536);
  });

  it('gets an apply comment on the merge that stays well-formed and mentions no one', async () => {
    github.pullsByCommit.set(MAIN_SHA, [{ number: 31, base: { ref: 'main' }, merged_at: '2026-01-02T03:04:05Z', merge_commit_sha: MAIN_SHA }]);
    const run = await action(workspace, 'apply', pushToMainEvent());
    expect(run.code, run.stderr).toBe(0);
    const body = github.comments.get(31)!.find((c) => c.body.includes('agentcore-policy:apply'))!.body;
    expect(body).toContain('update policy RefundUnder500');
    expect(commentProblems(body)).toEqual([]);
    expect(commentProblems(run.summary)).toEqual([]);
  });
});
