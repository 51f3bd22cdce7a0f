// Between every API call of an apply (an HTTP proxy pauses each call before it is sent and after its answer), the
// probe reads the engine's live policies and works out what could be allowed at that moment. No request may be
// allowed that both the old and the new policy sets deny. A control run applies the same plan naively, in the
// order the plan lists it, and the probe must catch it widening access: the probe can fail.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { connectEngine, listLivePolicies, type ClientOptions } from '../../src/agentcore/index.js';
import { sdkOperations } from '../../src/apply/sdk-operations.js';
import type { AuthorizationRequest } from '../../src/cedar/authorize.js';
import type { LivePolicy } from '../../src/model.js';
import { phasesOf } from '../../src/plan/phases.js';
import { loadRepository } from '../../src/repository/load.js';
import { fillVariables } from '../../src/repository/variables.js';
import { runApply } from '../../src/run/apply.js';
import { runPlan } from '../../src/run/plan.js';
import { PROJECT_ROOT, removeRepos, replace } from '../helpers/repo.js';
import { Probe } from './probe.js';
import { startProxy, type Proxy } from './proxy.js';
import { LOCAL, repoOn, startService, type Service } from './service.js';

const LEGACY_REFUNDS = `permit (
  principal is AgentCore::OAuthUser,
  action == AgentCore::Action::"RefundTarget___process_refund",
  resource == AgentCore::Gateway::"{{refund_gateway}}"
)
when { principal.hasTag("username") && principal.getTag("username") == "legacy-bot" };
`;

/** The example repository as it was before: every kind of change apply orders is needed to reach today's. */
const BEFORE = {
  // A forbid to create, and a permit to create.
  'policies/authentication/policies.yaml': replace('whatever else permits it\n', 'whatever else permits it\n    enabled: false\n'),
  'policies/authorization/policies.yaml': (text: string) =>
    replace('transfer funds up to $50,000\n', 'transfer funds up to $50,000\n    enabled: false\n')(text).replace('file: standard_tier_transfer.cedar\n    version: 1.0.0', 'file: standard_tier_transfer.cedar\n    version: 0.9.0'),
  // A permit to change (it allowed more), a permit to remove, a LOG_ONLY permit to switch on, a forbid to change.
  'policies/authorization/standard_tier_transfer.cedar': replace('amount < 10000', 'amount < 20000'),
  'policies/business_rules/legacy_refunds.cedar': LEGACY_REFUNDS,
  'policies/business_rules/policies.yaml': (text: string) =>
    `${text.replace('file: refund_under_500.cedar\n    version: 1.0.0\n', 'file: refund_under_500.cedar\n    version: 1.0.0\n    enforcementMode: LOG_ONLY\n').replace('file: claim_requires_description.cedar\n    version: 1.0.0', 'file: claim_requires_description.cedar\n    version: 0.9.0')}` +
    '  - name: LegacyRefunds\n    file: legacy_refunds.cedar\n    version: 1.0.0\n    description: Allow the legacy bot every refund\n',
  'policies/business_rules/claim_requires_description.cedar': replace('unless { context.input has description };', 'unless { context.input has description && context.input has priority };'),
  // A forbid to remove.
  'policies/emergency/policies.yaml': replace('payment gateway\n    enabled: false', 'payment gateway\n    enabled: true'),
};

/** The repository's own test cases, and a grid of callers and arguments over every tool. */
async function probeRequests(): Promise<AuthorizationRequest[]> {
  const { repository } = await loadRepository(PROJECT_ROOT);
  const engine = repository.engines.find((e) => e.name === LOCAL)!;
  const gateway = (name: string) => engine.variables[name]!;
  const requests: AuthorizationRequest[] = repository.tests
    .filter((t) => t.resource !== undefined && (t.engine === undefined || t.engine === LOCAL))
    .map((t) => ({ principal: t.principal, action: t.action, resource: fillVariables(t.resource!, engine.variables).text, input: t.input }));
  const callers: Record<string, string>[] = [
    { username: 'refund-agent' },
    { username: 'suspended-user', tier: 'premium' },
    { username: 'legacy-bot' },
    { username: 'alice', tier: 'premium' },
    { username: 'bob', tier: 'standard' },
    { username: 'carol', role: 'manager' },
    { username: 'dan', role: 'adjuster' },
    { username: 'erin', scope: 'payment:process' },
  ];
  const calls = [
    ...[100, 450, 700, 5000].map((amount) => ({ action: 'RefundTarget___process_refund', resource: gateway('refund_gateway'), input: { orderId: 'o-1', amount } })),
    ...[5000, 15000, 40000, 60000].map((amount) => ({ action: 'PaymentTarget___transfer_funds', resource: gateway('payment_gateway'), input: { fromAccount: 'A', recipient: 'B', amount } })),
    ...[{ weight: 1, region: 'US' }, { weight: 1, region: 'FR' }, { weight: 1 }].map((input) => ({ action: 'ShippingTarget___calculate_rate', resource: gateway('shipping_gateway'), input })),
    ...[50000, 200000].map((amount) => ({ action: 'DecisionTarget___approve_decision', resource: gateway('decision_gateway'), input: { decisionId: 'd-1', amount } })),
    ...[{ claimId: 'c' }, { claimId: 'c', description: 'hail' }, { claimId: 'c', description: 'hail', priority: 'high' }].map((input) => ({
      action: 'InsuranceTarget___file_claim',
      resource: gateway('insurance_gateway'),
      input,
    })),
  ];
  for (const [n, tags] of callers.entries()) for (const call of calls) requests.push({ principal: { type: 'OAuthUser', id: `user-${n}`, tags }, ...call });
  return requests;
}

let service: Service;
let proxy: Proxy;
let root: string;
let probe: Probe;
let snapshots: { at: string; allowed: Set<number> }[];
let engineId: string;

beforeEach(async () => {
  service = await startService({ transitionDelayMs: 10 });
  const before = await repoOn(service, BEFORE);
  const old = await runApply({ root: before, engine: LOCAL, client: service.client });
  expect(old.report.status).toBe('applied');
  root = await repoOn(service);
  engineId = (await service.engine(LOCAL)).policyEngineId;
  probe = new Probe(await probeRequests());
  snapshots = [];
  const look = async (at: string) => void snapshots.push({ at, allowed: probe.worstCase(await listLivePolicies(service.sdk(), engineId)) });
  proxy = await startProxy(service.emulator.url, { between: ({ method, path, when }) => look(`${when} ${method} ${path}`) });
});
afterEach(async () => {
  await proxy.close();
  await service.close();
  await removeRepos();
});

const viaProxy = (): ClientOptions => ({ ...service.client, endpoint: proxy.url });

/** Requests allowed at some snapshot that both the old and the new policy sets deny, by snapshot. */
function widenings(old: LivePolicy[], now: LivePolicy[]): string[] {
  const permitted = new Set([...probe.allowed(old), ...probe.allowed(now)]);
  return snapshots.flatMap(({ at, allowed }) => {
    const extra = [...allowed].filter((i) => !permitted.has(i));
    return extra.length > 0 ? [`${at}: ${extra.map((i) => JSON.stringify(probe.requests[i])).join(', ')}`] : [];
  });
}

describe('authorization probe between every API call of an apply', () => {
  it('finds no request allowed that both the old and the new policy sets deny', async () => {
    const old = await listLivePolicies(service.sdk(), engineId);
    const { report, plan } = await runApply({ root, engine: LOCAL, client: viaProxy() });
    expect(report.status).toBe('applied');
    const phases = phasesOf(plan!.engines[0]!).map((p) => p.name);
    expect(phases).toEqual(['forbids-created-or-changed', 'permits-removed', 'permits-changed', 'permits-created', 'forbids-removed']);
    const now = await listLivePolicies(service.sdk(), engineId);
    expect(snapshots.length).toBeGreaterThan(2 * report.counts.done);
    // The change is real: the two sets disagree on some requests, so there is something to get wrong.
    expect(probe.allowed(old)).not.toEqual(probe.allowed(now));
    expect(widenings(old, now)).toEqual([]);
  });

  it('catches the same plan applied naively, one step at a time in the order the plan lists it', async () => {
    const old = await listLivePolicies(service.sdk(), engineId);
    const planned = await runPlan({ root, engine: LOCAL, client: service.client });
    if (!planned.ok) throw new Error('no plan');
    const enginePlan = planned.plan.engines[0]!;
    const order = enginePlan.changes.map((c) => c.name);
    const steps = phasesOf(enginePlan)
      .flatMap((p) => p.steps)
      .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    const connection = await connectEngine(planned.engines[0]!, root, viaProxy());
    const ops = sdkOperations(connection, old.length);
    const engine = { policyEngineId: engineId, arn: (await service.engine(LOCAL)).arn };
    try {
      for (const step of steps) {
        const started = await ops.start(step, engine);
        if (started.wait) await ops.settle(engine, [started.wait], () => undefined);
      }
    } finally {
      await connection.close();
    }
    const now = await listLivePolicies(service.sdk(), engineId);
    const caught = widenings(old, now);
    // Lifting the transfer kill switch before the standard-tier limit came down to 10,000 let bob move 15,000.
    expect(caught[0]).toMatch(/DELETE .*DisableTransferFunds.*"tier":"standard".*"amount":15000/);
  });
});
