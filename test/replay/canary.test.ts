// A LOG_ONLY canary from first traffic to promotion, on the embedded local engine: the example repository plus a
// canary forbid (refunds over $300) is applied; refund calls go through the local gateway with the stock MCP client
// and local tokens; `decisions` reports what was decided and what the canary would have done; `promote` refuses
// without enough decisions, then switches the manifest (in a copy of the repository); and `plan --replay` shows the promotion with its evidence
// and counts the recorded requests that would flip, checked against Cedar's own isAuthorized on the same requests.
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as cedar from '@cedar-policy/cedar-wasm/nodejs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCedarSchema } from '../../src/cedar/schema.js';
import type { EngineDecisions } from '../../src/decisions/summary.js';
import { localGatewayUrl, mintLocalToken, readDecisionRecords, type DecisionRecord } from '../../src/emulator/index.js';
import { localStatePath, startLocalEngine } from '../../src/local/local-engine.js';
import type { EngineSpec } from '../../src/model.js';
import type { Plan, PolicyChange } from '../../src/plan/types.js';
import { resolveDesired } from '../../src/repository/desired.js';
import { loadRepository } from '../../src/repository/load.js';
import { runCli } from '../helpers/cli.js';
import { makeRepo, removeRepos } from '../helpers/repo.js';
import { PROCESS_TESTS } from '../helpers/timeouts.js';

const ENGINE = 'CustomerService_local';
const REFUND_GATEWAY_ID = 'refund-gateway-a1b2c3d4e5';
const SHIPPING_GATEWAY_ID = 'shipping-gateway-m1n2p3q4r5';
const REFUND = 'RefundTarget___process_refund';
const SHIPPING = 'ShippingTarget___calculate_rate';
const CANARY = `forbid (
  principal,
  action == AgentCore::Action::"${REFUND}",
  resource == AgentCore::Gateway::"{{refund_gateway}}"
)
when { context.input.amount > 300 };
`;
const MANIFEST = 'policies/business_rules/policies.yaml';
const CANARY_ENTRY = `  - name: RefundCap300
    file: refund_cap_300.cedar
    version: 1.0.0
    description: Deny refunds over $300, watched in LOG_ONLY first
    enforcementMode: LOG_ONLY # canary
`;

/** Refunds by the refund agent: under $500 allowed, so 320, 450 and 480 are what the canary would deny. */
const AGENT_REFUNDS = [100, 250, 320, 450, 480, 700];
/** Refunds by someone else: denied by default; the canary matches 350 but a denied call cannot flip to denied. */
const OTHER_REFUNDS = [50, 350];
const RATES = [{ region: 'US' }, { region: 'FR' }];

let root: string;
let spec: EngineSpec;

async function client(url: string, sub: string, claims: Record<string, string>): Promise<Client> {
  const minted = await mintLocalToken({ stateFile: localStatePath(root), sub, claims });
  if (!minted.ok) throw new Error(minted.message);
  const mcp = new Client({ name: 'canary-test', version: '1.0.0' });
  await mcp.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers: { authorization: `Bearer ${minted.token}` } } }));
  return mcp;
}

/** Calls the tool; whether the gateway let it through. */
async function called(mcp: Client, name: string, args: Record<string, unknown>): Promise<boolean> {
  try {
    await mcp.callTool({ name, arguments: args });
    return true;
  } catch (error) {
    if ((error as { code?: number }).code !== -32002) throw error;
    return false;
  }
}

const records = (gatewayId: string, from = root): DecisionRecord[] => {
  const read = readDecisionRecords({ stateFile: localStatePath(from), gatewayId });
  if (!read.ok) throw new Error(read.message);
  return read.records;
};

beforeAll(async () => {
  root = await makeRepo({
    'policies/business_rules/refund_cap_300.cedar': CANARY,
    [MANIFEST]: (text) => `${text.trimEnd()}\n${CANARY_ENTRY}`,
  });
  const applied = await runCli(['apply', '--dir', root, '--engine', ENGINE, '--auto-approve']);
  if (applied.code !== 0) throw new Error(`apply failed: ${applied.stdout}${applied.stderr}`);
  spec = (await loadRepository(root)).repository.engines.find((e) => e.name === ENGINE)!;
  const engine = await startLocalEngine(spec, root);
  try {
    const agent = await client(localGatewayUrl(engine.endpoint, REFUND_GATEWAY_ID), 'agent-1', { username: 'refund-agent' });
    const other = await client(localGatewayUrl(engine.endpoint, REFUND_GATEWAY_ID), 'user-2', { username: 'someone' });
    const shipper = await client(localGatewayUrl(engine.endpoint, SHIPPING_GATEWAY_ID), 'user-3', {});
    for (const amount of AGENT_REFUNDS) await called(agent, REFUND, { orderId: `o-${amount}`, amount });
    for (const amount of OTHER_REFUNDS) await called(other, REFUND, { orderId: `x-${amount}`, amount });
    for (const args of RATES) await called(shipper, SHIPPING, { weight: 100, ...args });
    await Promise.all([agent.close(), other.close(), shipper.close()]);
  } finally {
    await engine.close();
  }
}, PROCESS_TESTS.timeout);
afterAll(async () => {
  await removeRepos();
  await Promise.all(copies.map((copy) => rm(copy, { recursive: true, force: true })));
});

const copies: string[] = [];

/** The repository with its local engine's state, in a folder of its own. */
async function copyRepo(): Promise<string> {
  const copy = await mkdtemp(join(tmpdir(), 'canary-copy-'));
  copies.push(copy);
  await cp(root, copy, { recursive: true });
  return copy;
}

describe('a LOG_ONLY canary through the local gateway', PROCESS_TESTS, () => {
  it('decisions: allows and denies per gateway and tool, and what the canary would have done, as the gateway recorded it', async () => {
    const result = await runCli(['decisions', '--dir', root, '--engine', ENGINE, '--format', 'json']);
    expect(result.stderr).toBe('');
    const [engine] = (JSON.parse(result.stdout) as { engines: EngineDecisions[] }).engines;
    expect(engine!.tools.map((t) => [t.action, t.allow, t.deny])).toEqual([
      [REFUND, 5, 3],
      [SHIPPING, 1, 1],
    ]);
    const canary = engine!.canaries.find((c) => c.policy === 'RefundCap300')!;
    // The gateway's own records say which decisions the canary matched and would have flipped.
    const refunds = records(REFUND_GATEWAY_ID);
    const canaryId = refunds.find((r) => r.body.policy.logOnlyMatchedPolicies.length > 0)!.body.policy.logOnlyMatchedPolicies[0]!;
    const matched = refunds.filter((r) => r.body.policy.logOnlyMatchedPolicies.includes(canaryId)).length;
    const flipped = refunds.filter((r) => r.body.policy.logOnlyDecisionFlippingPolicies.includes(canaryId)).length;
    expect([matched, flipped]).toEqual([5, 3]);
    expect(canary).toMatchObject({ decisions: 8, matched, undecidable: 0, flips: { toDeny: flipped, toAllow: 0 } });
    expect(canary.examples.map((e) => e.request.input.amount)).toEqual([320, 450, 480]);

    const text = await runCli(['decisions', '--dir', root, '--engine', ENGINE]);
    expect(text.stdout).toContain(`    ${REFUND}: 5 allowed, 3 denied`);
    expect(text.stdout).toContain('  LOG_ONLY RefundCap300: 8 recorded decisions since');
    expect(text.stdout).toContain('it held for 5 and 3 would have flipped: 3 allowed → denied, 0 denied → allowed');
  });

  it('promote refuses without enough decisions or with too many flips, then switches the manifest line, printing the evidence; plan --replay then shows the promotion with its evidence, and the requests that would flip as Cedar decides them', async () => {
    // A copy, so the repository the other case reads keeps its canary in LOG_ONLY.
    const root = await copyRepo();
    const before = await readFile(join(root, MANIFEST), 'utf8');
    const short = await runCli(['promote', 'RefundCap300', '--dir', root, '--engine', ENGINE]);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('not enough decisions: 8 recorded decisions on its tools since');
    expect(short.stderr).toContain('too many flips: it would have flipped 3 recorded decisions, and --max-flips allows 0');
    expect(short.stdout).toContain('**Not promoted**');
    expect(await readFile(join(root, MANIFEST), 'utf8')).toBe(before);

    const promoted = await runCli(['promote', 'RefundCap300', '--dir', root, '--engine', ENGINE, '--min-decisions', '5', '--max-flips', '3']);
    expect(promoted.code).toBe(0);
    expect(promoted.stdout).toContain('### Promote <code>RefundCap300</code> from LOG_ONLY to ACTIVE');
    expect(promoted.stdout).toMatch(/\| CustomerService&#95;local \| the local engine&#39;s decision records \| [0-9-]+ [0-9:]+ UTC \| 8 \| 5 \| 3 \| 0 \| 0 \|/);
    expect(promoted.stdout).toContain('**Checks passed**');
    const after = await readFile(join(root, MANIFEST), 'utf8');
    const changed = after.split('\n').filter((line, i) => line !== before.split('\n')[i]);
    expect(changed).toEqual([expect.stringMatching(/^ {4}enforcementMode: ACTIVE # promoted \d{4}-\d\d-\d\d: 8 recorded decisions, 3 flips$/)]);
    expect(promoted.stderr).toContain('-    enforcementMode: LOG_ONLY # canary');

    const result = await runCli(['plan', '--dir', root, '--engine', ENGINE, '--replay', '--format', 'json']);
    const plan = JSON.parse(result.stdout) as Plan;
    const [engine] = plan.engines;
    const promotion = engine!.changes.find((c): c is PolicyChange => c.kind === 'policy' && c.name === 'RefundCap300')!.promotion;
    expect(promotion).toMatchObject({ evidence: { decisions: 8, matched: 5, flips: { toDeny: 3, toAllow: 0 } } });

    // Cedar itself, on every recorded request, against the repository's policies as they now are.
    const { repository } = await loadRepository(root);
    const active = resolveDesired(repository, spec).policies.filter((p) => p.spec.enforcementMode === 'ACTIVE');
    const policies = Object.fromEntries(active.map((p) => [p.spec.name, p.statement]));
    const schema = buildCedarSchema(spec.gateways) as cedar.Schema;
    const flips = { toDeny: 0, toAllow: 0 };
    const all = [...records(REFUND_GATEWAY_ID, root), ...records(SHIPPING_GATEWAY_ID, root)];
    for (const record of all) {
      const { params } = record.body.requestBody as { params: { name: string; arguments: Record<string, cedar.CedarValueJson> } };
      const principal = { type: 'AgentCore::OAuthUser', id: record.body.policy.principal.entityId };
      const resource = { type: 'AgentCore::Gateway', id: record.resource_arn };
      const answer = cedar.isAuthorized({
        principal,
        action: { type: 'AgentCore::Action', id: params.name },
        resource,
        context: { input: params.arguments },
        schema,
        validateRequest: true,
        policies: { staticPolicies: policies },
        entities: [{ uid: principal, attrs: { id: principal.id }, parents: [], tags: record.body.local.principalTags }, { uid: resource, attrs: {}, parents: [] }],
      });
      if (answer.type !== 'success') throw new Error(answer.errors[0]!.message);
      const recorded = record.body.policy.decision === 'ALLOW' ? 'allow' : 'deny';
      if (answer.response.decision !== recorded) flips[answer.response.decision === 'deny' ? 'toDeny' : 'toAllow']++;
    }
    expect(flips).toEqual({ toDeny: 3, toAllow: 0 });
    expect(engine!.replay).toMatchObject({ requests: all.length, undecidable: 0, unreadable: 0, flips });
    expect(engine!.replay!.tools.find((t) => t.action === REFUND)).toMatchObject({ requests: 8, flips });

    const text = await runCli(['plan', '--dir', root, '--engine', ENGINE, '--replay']);
    expect(text.stdout).toContain("  Replay: 10 recorded requests since");
    expect(text.stdout).toContain(`    ${REFUND} on ${REFUND_GATEWAY_ID}: 3 allowed → denied, 0 denied → allowed (of 8)`);
    expect(text.stdout).toContain('enforcementMode: LOG_ONLY -> ACTIVE (promoted: it starts to decide)');
    const markdown = await runCli(['plan', '--dir', root, '--engine', ENGINE, '--replay', '--format', 'markdown']);
    expect(markdown.stdout).toContain('### Replay');
  });
});
