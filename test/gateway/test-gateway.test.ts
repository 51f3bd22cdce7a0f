// `agentcore-policy test --gateway`: the example repository's cases as real tools/calls through the gateways of
// its local engine once applied, and through an engine reached by URL as an engine in AWS is (tokens from
// --token-command, decisions from the answers alone), each judged beside the offline evaluation.
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readDecisionRecords, startEmulator, type Emulator } from '../../src/emulator/index.js';
import { localStatePath } from '../../src/local/local-engine.js';
import { loadRepository } from '../../src/repository/load.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, PROJECT_ROOT, removeRepos, replace } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

afterAll(removeRepos);

const LOCAL = 'CustomerService_local';
const BUSINESS_MANIFEST = 'policies/business_rules/policies.yaml';
const ALLOWED_REFUND = 'a refund of 450 by refund-agent is allowed';
const DENIED_REFUND = 'a refund of 750 by refund-agent is denied';

interface JsonCase {
  name: string;
  engine: string;
  actual: string;
  reasons: string[] | null;
  passed: boolean;
  message?: string;
  logOnly?: { decision: string; policies: string[] };
  requestId?: string;
}
interface GatewayJson {
  passed: number;
  failed: number;
  cases: JsonCase[];
  uncovered: unknown[];
  coverageUnknown: string[];
  disagreements: { name: string; engine: string; gateway: { actual: string; reasons: string[] | null }; offline: { actual: string; reasons: string[] } }[];
  enginesNotRun: { engine: string; message: string }[];
}

async function gatewayJson(root: string, extra: string[] = [LOCAL]): Promise<{ code: number; stderr: string; report: GatewayJson }> {
  const result = await runCli(['test', '--gateway', '--format', 'json', ...extra.flatMap((e) => (e.startsWith('--') ? [e] : ['--engine', e]))], { cwd: root });
  return { code: result.code, stderr: result.stderr, report: JSON.parse(result.stdout) as GatewayJson };
}

async function apply(root: string, engine = LOCAL): Promise<void> {
  const applied = await runCli(['apply', '--auto-approve', '--engine', engine], { cwd: root });
  expect(applied.stdout, applied.stderr).toContain('Apply complete!');
}

describe('test --gateway on the local engine', PROCESS_TESTS, () => {
  it('says the engine must be applied first, and sends nothing', async () => {
    const root = await makeRepo();
    const result = await runCli(['test', '--gateway', '--engine', LOCAL], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'engines/local.yaml: error gateway/not-applied: the engine does not exist live, so its gateways have no policies to decide with: ' +
        'run agentcore-policy apply --engine CustomerService_local first [engine CustomerService_local]\n',
    );
    expect(result.stdout).toBe(
      '0 passed, 0 failed\nNot sent through the gateway: CustomerService_local: the engine does not exist live, so its gateways have no policies to decide with: ' +
        'run agentcore-policy apply --engine CustomerService_local first\n',
    );
  });

  it('takes --token-command and --profile with --gateway only', async () => {
    const root = await makeRepo();
    const result = await runCli(['test', '--token-command', 'cat'], { cwd: root });
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      "agentcore-policy test: --token-command and --profile go with --gateway\nUsage: agentcore-policy test [--dir D] [--engine NAME,...] [--format text|json] [--gateway [--token-command 'CMD'] [--profile P]]\n",
    );
  });

  it('once applied, passes every case as the gateway decides it, agreeing with the offline evaluation, each case with its decision record', async () => {
    const root = await makeRepo();
    await apply(root);
    const { code, stderr, report } = await gatewayJson(root);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const offline = JSON.parse((await runCli(['test', '--format', 'json', '--engine', LOCAL], { cwd: root })).stdout) as GatewayJson;
    expect(report.cases.map(({ requestId: _, ...c }) => c)).toEqual(offline.cases);
    expect(report).toMatchObject({ passed: offline.passed, failed: 0, uncovered: [], coverageUnknown: [], disagreements: [], enginesNotRun: [] });
    // Every case that reached a policy has the request id of the record its gateway wrote.
    const { repository } = await loadRepository(root);
    const engine = repository.engines.find((e) => e.name === LOCAL)!;
    const records = engine.gateways.flatMap((g) => {
      const read = readDecisionRecords({ stateFile: localStatePath(root), gatewayId: g.arn.split('/').pop()! });
      return read.ok ? read.records : [];
    });
    const allowed = report.cases.find((c) => c.name === ALLOWED_REFUND)!;
    expect(records.find((r) => r.request_id === allowed.requestId)?.body.policy).toMatchObject({ decision: 'ALLOW', principal: { entityId: 'user-123' } });
    const recorded = report.cases.filter((c) => records.some((r) => r.request_id === c.requestId));
    expect(recorded.length).toBe(report.cases.length - 1);
    expect(report.cases.filter((c) => !recorded.includes(c)).map((c) => c.name)).toEqual(['a refund through another gateway is denied (the permit names the refund gateway)']);

    // The repository changed, not applied: the gateway decides with what is live, and says where that differs.
    writeFileSync(join(root, 'policies/business_rules/refund_under_500.cedar'), replace('amount < 500', 'amount < 1000')(readFileSync(join(root, 'policies/business_rules/refund_under_500.cedar'), 'utf8')));
    const changed = await runCli(['test', '--gateway', '--engine', LOCAL], { cwd: root });
    expect(changed.stderr).toBe(
      'engines/local.yaml: warning gateway/changes-not-applied: the repository has 1 change apply has not made (RefundUnder500 (update)): ' +
        'the gateways decide with the live policies; run agentcore-policy apply --engine CustomerService_local to test what the repository says [engine CustomerService_local]\n',
    );
    expect(changed.stdout).toContain(
      `\nThe gateways and the offline evaluation disagree on 1 case:\n  ${DENIED_REFUND} [CustomerService_local]: gateway deny [], offline allow [RefundUnder500]\n`,
    );
    expect(changed.stdout).toContain(`PASS  ${DENIED_REFUND} [CustomerService_local]: deny\n`);
    expect(changed.code).toBe(0);
  });

  it('reports the LOG_ONLY policies the gateway found would flip a case, as test does', async () => {
    const canary = 'forbid (\n  principal,\n  action == AgentCore::Action::"RefundTarget___process_refund",\n  resource\n)\nwhen { context.input.amount > 400 };\n';
    const entry = '  - name: RefundCanary\n    file: refund_canary.cedar\n    version: 1.0.0\n    description: Would deny refunds over $400\n    enforcementMode: LOG_ONLY\n';
    const root = await makeRepo({ [BUSINESS_MANIFEST]: (text) => text + entry, 'policies/business_rules/refund_canary.cedar': canary });
    await apply(root);
    const text = await runCli(['test', '--gateway', '--engine', LOCAL], { cwd: root });
    expect(text.stdout).toContain(`PASS  ${ALLOWED_REFUND} [CustomerService_local]: allow\n      LOG_ONLY RefundCanary would make it deny if ACTIVE\n`);
    expect(text.stdout).toContain('The gateways and the offline evaluation agree on every case.');
    const { report } = await gatewayJson(root);
    expect(report.cases.filter((c) => c.logOnly).map((c) => [c.name, c.logOnly])).toEqual([[ALLOWED_REFUND, { decision: 'deny', policies: ['RefundCanary'] }]]);
  });

  it('calls an AWS_IAM gateway as an IamEntity through the local stand-in', async () => {
    const iamGateway = `  - arn: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/ops-gateway-z9y8x7w6v5
    mode: ENFORCE
    authorizerType: AWS_IAM
    targets:
      - name: OpsTarget
        tools:
          - name: restart
            inputSchema: { type: object, properties: { service: { type: string } }, required: [service] }
`;
    const permit = 'permit (\n  principal == AgentCore::IamEntity::"arn:aws:iam::123456789012:role/Operator",\n  action == AgentCore::Action::"OpsTarget___restart",\n  resource\n);\n';
    const entry = '  - name: OperatorRestart\n    file: operator_restart.cedar\n    version: 1.0.0\n    description: Operators may restart services\n';
    const cases = `- name: the operator role may restart
  principal: { type: IamEntity, id: "arn:aws:iam::123456789012:role/Operator" }
  action: OpsTarget___restart
  resource: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/ops-gateway-z9y8x7w6v5
  input: { service: billing }
  expect: allow
  reasons: [OperatorRestart]
- name: another role may not
  principal: { type: IamEntity, id: "arn:aws:iam::123456789012:role/Intern" }
  action: OpsTarget___restart
  resource: arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/ops-gateway-z9y8x7w6v5
  input: { service: billing }
  expect: deny
`;
    const root = await makeRepo({
      'engines/local.yaml': (text) => `${text}${iamGateway}`,
      [BUSINESS_MANIFEST]: (text) => text + entry,
      'policies/business_rules/operator_restart.cedar': permit,
      'policies/business_rules/ops.test.yaml': cases,
    });
    await apply(root);
    const { code, report } = await gatewayJson(root);
    expect(report.cases.filter((c) => ['the operator role may restart', 'another role may not'].includes(c.name)).map((c) => [c.name, c.actual, c.reasons, c.passed])).toEqual([
      ['the operator role may restart', 'allow', ['OperatorRestart'], true],
      ['another role may not', 'deny', [], true],
    ]);
    expect(report.disagreements).toEqual([]);
    expect(code).toBe(0);
  });
});

describe('test --gateway on an engine reached by URL, as in AWS', PROCESS_TESTS, () => {
  const REMOTE = 'CustomerService_remote';
  let emulator: Emulator;
  let root: string;
  let tokens: Record<string, string>;
  const keyOf = (p: { type: string; id: string; tags: Record<string, string> }) => `${p.type} ${p.id} ${Object.entries(p.tags).sort().join('&')}`;

  beforeAll(async () => {
    emulator = await startEmulator({ transitionDelayMs: 0, region: 'us-west-2' });
    const local = readFileSync(join(PROJECT_ROOT, 'engines/local.yaml'), 'utf8');
    const remote = local.replace(`name: ${LOCAL}`, `name: ${REMOTE}`).replace('endpoint: local', `endpoint: ${emulator.url}`);
    root = await makeRepo({ 'engines/production.yaml': remote, 'engines/local.yaml': null });
    const { repository } = await loadRepository(root);
    expect(emulator.seedGateways(repository.engines[0]!.gateways)).toEqual([]);
    tokens = {};
    for (const { principal } of repository.tests) {
      const minted = await emulator.mintToken({ sub: principal.id, claims: principal.tags });
      if (!minted.ok) throw new Error(minted.message);
      tokens[keyOf(principal)] = minted.token;
    }
    writeFileSync(join(root, 'tokens.json'), JSON.stringify(tokens));
    // The token command a team would write around its identity provider: reads the principal, prints a token.
    writeFileSync(
      join(root, 'token.mjs'),
      `import { appendFileSync, readFileSync } from 'node:fs';
const p = JSON.parse(readFileSync(0, 'utf8'));
appendFileSync('calls.log', JSON.stringify(p) + '\\n');
process.stdout.write(JSON.parse(readFileSync('tokens.json', 'utf8'))[\`\${p.type} \${p.id} \${Object.entries(p.tags).sort().join('&')}\`] + '\\n');
`,
    );
    await apply(root, REMOTE);
  }, 120_000);
  afterAll(() => emulator.close());

  it('runs the token command once per distinct principal, and judges decisions from the answers alone', async () => {
    const result = await runCli(['test', '--gateway', '--format', 'json', '--engine', REMOTE, '--token-command', `"${process.execPath}" token.mjs`], { cwd: root });
    const report = JSON.parse(result.stdout) as GatewayJson;
    expect(result.stderr).toBe('');
    expect(report.cases.filter((c) => !c.passed).map((c) => `${c.name}: ${c.message}`)).toEqual([]);
    expect(report).toMatchObject({ failed: 0, coverageUnknown: [REMOTE], uncovered: [], disagreements: [], enginesNotRun: [] });
    expect(report.passed).toBeGreaterThan(20);
    // AWS names the policies of a denial only.
    expect(report.cases.find((c) => c.name === ALLOWED_REFUND)).toMatchObject({ actual: 'allow', reasons: null, passed: true });
    expect(report.cases.find((c) => c.name === 'the suspended user is denied a refund of 10')).toMatchObject({ actual: 'deny', reasons: ['BlockSuspendedUser'] });
    const calls = readFileSync(join(root, 'calls.log'), 'utf8').trim().split('\n');
    expect(calls.length).toBe(new Set(calls).size);
    expect(new Set(calls.map((line) => keyOf(JSON.parse(line) as never)))).toEqual(new Set(Object.keys(tokens)));
    for (const token of Object.values(tokens)) expect(result.stdout + result.stderr).not.toContain(token.split('.')[2]);
    const text = await runCli(['test', '--gateway', '--engine', REMOTE, '--token-command', `"${process.execPath}" token.mjs`], { cwd: root });
    expect(text.stdout).toContain('\nCoverage: CustomerService_remote: not known (the gateway names the policies that decided a denied call only)\nThe gateways and the offline evaluation agree on every case.\n');
  });

  it('fails the cases of a token command that fails or prints no token, passing its stderr on and quoting nothing it printed', async () => {
    appendFileSync(join(root, 'calls.log'), '');
    const failing = await runCli(['test', '--gateway', '--engine', REMOTE, '--token-command', 'echo "idp unreachable" >&2; exit 3'], { cwd: root });
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain('idp unreachable\n');
    expect(failing.stdout).toContain('the token command exited with code 3 for OAuthUser user-123');
    const garbage = await runCli(['test', '--gateway', '--engine', REMOTE, '--token-command', 'echo "secret-ish value with spaces"'], { cwd: root });
    expect(garbage.stdout).toContain('the token command printed no bearer token for OAuthUser user-123 (it must print the token alone, on one line)');
    expect(garbage.stdout + garbage.stderr).not.toContain('secret-ish');
    const missing = await runCli(['test', '--gateway', '--engine', REMOTE], { cwd: root });
    expect(missing.stderr).toContain("error gateway/no-token-command: the engine is in AWS, whose gateways trust their own identity provider: give --token-command 'CMD'");
    expect(missing.code).toBe(1);
  });
});
