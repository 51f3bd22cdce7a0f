// Between every API call of an apply (an HTTP proxy pauses each call before it is sent and after its answer), the
// probe reads the engine's live policies and works out what could be allowed at that moment. No request may be
// allowed that both the old and the new policy sets deny. Control runs apply the same plans without the safety
// machinery (in the order the plan lists them, or without the temporary copies of changed forbids, or with the
// permits first), and the probe must catch each of them widening access: the probe can fail.
import { afterEach, describe, expect, it } from 'vitest';
import { connectEngine, listLivePolicies, type ClientOptions } from '../../src/agentcore/index.js';
import { sdkOperations } from '../../src/apply/sdk-operations.js';
import type { IssuedStep } from '../../src/apply/operations.js';
import type { AuthorizationRequest } from '../../src/cedar/authorize.js';
import type { LivePolicy } from '../../src/model.js';
import { phasesOf, type Phase, type Step } from '../../src/plan/phases.js';
import type { EnginePlan } from '../../src/plan/types.js';
import { loadRepository } from '../../src/repository/load.js';
import { fillVariables } from '../../src/repository/variables.js';
import { runApply } from '../../src/run/apply.js';
import { runPlan } from '../../src/run/plan.js';
import { PROJECT_ROOT, removeRepos, replace, type Tree } from '../helpers/repo.js';
import { BROAD_CAPPED, CAPS, NARROW_LOOSE } from './fixtures.js';
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
    { username: 'zoe' },
  ];
  const calls = [
    ...[100, 450, 700, 2000, 5000].map((amount) => ({ action: 'RefundTarget___process_refund', resource: gateway('refund_gateway'), input: { orderId: 'o-1', amount } })),
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

let service: Service | undefined;
let proxy: Proxy | undefined;
let root: string;
let probe: Probe;
let snapshots: { at: string; allowed: Set<number> }[];
let engineId: string;
let old: LivePolicy[];

/** Applies `before` to a fresh service, then points the probe at it: `root` holds the example plus `after`. */
async function prepare(before: Tree, after: Tree = {}): Promise<Service> {
  const started = (service = await startService({ transitionDelayMs: 10 }));
  const applied = await runApply({ root: await repoOn(started, before), engines: [LOCAL], client: started.client });
  expect(applied.report.status).toBe('applied');
  root = await repoOn(started, after);
  engineId = (await started.engine(LOCAL)).policyEngineId;
  old = await listLivePolicies(started.sdk(), engineId);
  probe = new Probe(await probeRequests());
  snapshots = [];
  const look = async (at: string) => void snapshots.push({ at, allowed: probe.worstCase(await listLivePolicies(started.sdk(), engineId)) });
  proxy = await startProxy(started.emulator.url, { between: ({ method, path, when }) => look(`${when} ${method} ${path}`) });
  return started;
}
afterEach(async () => {
  await proxy?.close();
  await service?.close();
  proxy = service = undefined;
  await removeRepos();
});

const viaProxy = (): ClientOptions => ({ ...service!.client, endpoint: proxy!.url });

/** Requests allowed at some snapshot that both the old and the new policy sets deny, by snapshot. */
async function widenings(): Promise<string[]> {
  const now = await listLivePolicies(service!.sdk(), engineId);
  // The change is real: the two sets disagree on some requests, so there is something to get wrong.
  expect(probe.allowed(old)).not.toEqual(probe.allowed(now));
  const permitted = new Set([...probe.allowed(old), ...probe.allowed(now)]);
  return snapshots.flatMap(({ at, allowed }) => {
    const extra = [...allowed].filter((i) => !permitted.has(i));
    return extra.length > 0 ? [`${at}: ${extra.map((i) => JSON.stringify(probe.requests[i])).join(', ')}`] : [];
  });
}

/** Applies the plan by hand, one step at a time in the order `arrange` gives, leaving out the temporary copies of
 * changed forbids; returns the widenings the probe saw. */
async function applyByHand(arrange: (plan: EnginePlan, phases: Phase[]) => Step[]): Promise<string[]> {
  const planned = await runPlan({ root, engines: [LOCAL], client: service!.client });
  if (!planned.ok) throw new Error('no plan');
  const enginePlan = planned.plan.engines[0]!;
  const plain = { ...enginePlan, changes: enginePlan.changes.filter((c) => c.kind !== 'policy' || !c.shadowOf) };
  const connection = connectEngine(planned.engines[0]!, viaProxy());
  const ops = sdkOperations(connection, old.length);
  const engine = { policyEngineId: engineId, arn: (await service!.engine(LOCAL)).arn };
  try {
    for (const step of arrange(plain, phasesOf(plain))) {
      const started = await ops.start(issued(step), engine);
      if (started.wait) await ops.settle(engine, [started.wait], () => undefined);
    }
  } finally {
    await connection.close();
  }
  return widenings();
}

function issued(step: Step): IssuedStep {
  if (step.type !== 'delete-policy') return step;
  if (step.policyId === undefined) throw new Error(`${step.name}: a by-hand run has no temporary copies to delete`);
  return { ...step, policyId: step.policyId };
}

const POLICY_PHASES = ['forbids-created-or-changed', 'permits-removed', 'permits-changed', 'permits-created', 'forbids-removed'];

describe('authorization probe between every API call of an apply', () => {
  it('finds no request allowed that both the old and the new policy sets deny', async () => {
    await prepare(BEFORE);
    const { report, plan } = await runApply({ root, engines: [LOCAL], client: viaProxy() });
    expect(report.status).toBe('applied');
    // ClaimRequiresDescription (a forbid) changes along with permits: it is copied first.
    expect(phasesOf(plan!.engines[0]!).map((p) => p.name)).toEqual(['forbids-shadowed', ...POLICY_PHASES]);
    expect(snapshots.length).toBeGreaterThan(2 * report.counts.done);
    expect(await widenings()).toEqual([]);
  });

  const COPIED = ['forbids-shadowed', 'forbids-created-or-changed', 'permits-changed', 'forbids-removed'];
  for (const [title, before, after] of [
    ['a permit narrowed while its forbid is weakened', BROAD_CAPPED('1.0.0'), NARROW_LOOSE('1.1.0')],
    ['a permit broadened while its forbid is strengthened', NARROW_LOOSE('1.0.0'), BROAD_CAPPED('1.1.0')],
    ['a tight cap moving from one forbid to another', CAPS('1.0.0', 1000, 5000), CAPS('1.1.0', 5000, 450)],
  ] as const) {
    it(`stays within both sets for ${title}, and leaves no temporary copy`, async () => {
      await prepare(before, after);
      const { report, plan } = await runApply({ root, engines: [LOCAL], client: viaProxy() });
      expect(report.status).toBe('applied');
      // (Moving the cap bumps the permit's version too: a description update, in its phase.)
      expect(phasesOf(plan!.engines[0]!).map((p) => p.name)).toEqual(COPIED);
      expect(await widenings()).toEqual([]);
      expect((await service!.policies(LOCAL)).filter((p) => p.name.includes('__prev_'))).toEqual([]);
    });
  }

  it('stays within both sets across an apply cut off after its forbid update and the re-run that finishes it', async () => {
    await prepare(BROAD_CAPPED('1.0.0'), NARROW_LOOSE('1.1.0'));
    // Mutating call 1 takes the apply lock, 2 creates the copy, 3 updates the forbid.
    proxy!.cutAfter(3);
    expect((await runApply({ root, engines: [LOCAL], client: viaProxy() })).report.status).toBe('failed');
    proxy!.heal();
    const { report } = await runApply({ root, engines: [LOCAL], client: viaProxy() });
    // The copy the cut-off run left is found and deleted last, once the permit is final.
    expect(report.engines[0]!.steps.map((s) => `${s.phase} ${s.type} ${s.name}`)).toEqual([
      'permits-changed update-policy ZoeRefunds',
      expect.stringMatching(/^forbids-removed delete-policy ZoeRefundCap__prev_[0-9a-f]{8}$/),
    ]);
    expect(await widenings()).toEqual([]);
  });

  it('catches the same plan applied naively, one step at a time in the order the plan lists it', async () => {
    await prepare(BEFORE);
    const caught = await applyByHand((plan, phases) => {
      const order = plan.changes.map((c) => c.name);
      return phases.flatMap((p) => p.steps).sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
    });
    // Lifting the transfer kill switch before the standard-tier limit came down to 10,000 let bob move 15,000.
    expect(caught[0]).toMatch(/DELETE .*DisableTransferFunds.*"tier":"standard".*"amount":15000/);
  });

  it('catches a forbid weakened in place before its permit narrows, without the temporary copy', async () => {
    await prepare(BROAD_CAPPED('1.0.0'), NARROW_LOOSE('1.1.0'));
    const caught = await applyByHand((_, phases) => phases.flatMap((p) => p.steps));
    // Once the cap is weakened, the old permit still lets zoe have 2,000.
    expect(caught[0]).toMatch(/PATCH .*ZoeRefundCap.*"zoe".*"amount":2000/);
  });

  it('catches a cap moving from one forbid to another one update at a time, without the temporary copies', async () => {
    await prepare(CAPS('1.0.0', 1000, 5000), CAPS('1.1.0', 5000, 450));
    const caught = await applyByHand((_, phases) => phases.flatMap((p) => p.steps));
    expect(caught[0]).toMatch(/PATCH .*ZoeCapA.*"zoe".*"amount":2000/);
  });

  it('catches the mirror: a permit broadened before its forbid is strengthened', async () => {
    await prepare(NARROW_LOOSE('1.0.0'), BROAD_CAPPED('1.1.0'));
    const permitsFirst = (phases: Phase[]) => [...phases.filter((p) => p.name.startsWith('permits')), ...phases.filter((p) => !p.name.startsWith('permits'))];
    const caught = await applyByHand((_, phases) => permitsFirst(phases).flatMap((p) => p.steps));
    // Once the permit is broadened, the old cap still lets zoe have 2,000.
    expect(caught[0]).toMatch(/PATCH .*ZoeRefunds-.*"zoe".*"amount":2000/);
  });
});
