// Property: executing a plan's phases against a model of the service leaves nothing to plan. Random repositories
// and live states (drift, unmanaged policies, failed states, renames, reformatting, gateway drift) come from a
// seeded generator, so a failure names its seed and replays exactly.
import { describe, expect, it } from 'vitest';
import type { DesiredPolicy, LivePolicy, LiveState } from '../model.js';
import { phasesOf } from './phases.js';
import { planEngine } from './plan-engine.js';
import { ENGINE_ARN, applied, desired, engine, forbid, gateway, live, liveEngine, liveGateway, options, permit, unmanaged } from '../../test/builders/plan.js';

function generator(seed: number) {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return { chance: (p: number) => next() < p, pick: <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]! };
}

const NAMES = ['A', 'B', 'C', 'D', 'E', 'F'];
const STATEMENTS = [permit('a'), permit('b', ' when { context.input.x == 1 }'), forbid('c'), forbid('d', ' unless { context.input.y }'), forbid('c', ' when { context.input.z }')];

function scenario(seed: number) {
  const g = generator(seed);
  const previous = NAMES.filter(() => g.chance(0.5)).map((name) => desired(name, g.pick(STATEMENTS), { enforcementMode: g.pick(['ACTIVE', 'LOG_ONLY'] as const) }));
  const current: DesiredPolicy[] = [];
  const disabled = [];
  for (const name of NAMES) {
    if (!g.chance(0.6)) continue;
    const old = previous.find((p) => p.spec.name === name);
    const statement = old && g.chance(0.6) ? old.statement : g.pick(STATEMENTS);
    const overrides = {
      version: old && statement !== old.statement ? '1.1.0' : '1.0.0',
      description: g.chance(0.2) ? 'reworded' : `${name} description`,
      group: g.pick(['business_rules', 'emergency'] as const),
      enforcementMode: g.pick(['ACTIVE', 'LOG_ONLY'] as const),
      validationMode: g.pick(['FAIL_ON_ANY_FINDINGS', 'IGNORE_ALL_FINDINGS'] as const),
    };
    const policy = desired(name, statement, overrides);
    if (g.chance(0.15)) disabled.push({ ...policy.spec, enabled: false });
    else current.push(policy);
  }
  const policies: LivePolicy[] = previous.map((p) => {
    const live = applied(p, { policyId: `${p.spec.name}-live000000` });
    if (g.chance(0.1)) live.statement = g.pick(STATEMENTS); // console edit
    if (g.chance(0.1)) live.statement = live.statement!.replace(' ', '\n  '); // reformatted
    if (g.chance(0.1)) live.status = g.pick(['CREATE_FAILED', 'UPDATE_FAILED'] as const);
    return live;
  });
  if (g.chance(0.3)) policies.push(unmanaged('Manual', g.pick(STATEMENTS)));
  const prune = g.chance(0.5);
  const exists = g.chance(0.8);
  const gateways = [1, 2].filter(() => g.chance(0.7));
  const attachment = () => g.pick([undefined, { arn: ENGINE_ARN, mode: 'ENFORCE' as const }, { arn: ENGINE_ARN, mode: 'LOG_ONLY' as const }, { arn: 'arn:other', mode: 'ENFORCE' as const }]);
  return {
    desired: engine({ policies: current, disabled, gateways: gateways.map((n) => gateway(n, g.pick(['ENFORCE', 'LOG_ONLY'] as const))) }, { prune }),
    live: live({ withEngine: exists, policies: exists ? policies : [], gateways: gateways.map((n) => liveGateway(n, attachment())) }),
  };
}

/** What the service would hold after the plan's steps (the first `crashAfter` of them); checks that names stay
 * unique throughout. */
function execute(state: LiveState, plan: ReturnType<typeof planEngine>, crashAfter = Infinity): LiveState {
  const next: LiveState = structuredClone(state);
  let created = 0;
  const ids = new Map<string, string>();
  for (const phase of phasesOf(plan)) {
    for (const step of phase.steps) {
      if (crashAfter-- <= 0) return next;
      if (step.type === 'create-engine') next.engine = liveEngine();
      if (step.type === 'set-gateway') {
        next.gateways.find((g) => g.arn === step.arn)!.policyEngine = { arn: step.engineArn ?? next.engine!.arn, mode: step.mode };
      }
      if (step.type === 'delete-policy') next.policies = next.policies.filter((p) => p.policyId !== (step.policyId ?? ids.get(step.name)));
      if (step.type === 'create-policy' || step.type === 'update-policy') {
        const { name, statement, description, enforcementMode } = step.policy;
        const policyId = step.type === 'update-policy' ? step.policyId : `${name}-new${String(created++).padStart(7, '0')}`;
        next.policies = next.policies.filter((p) => p.policyId !== policyId);
        expect(next.policies.some((p) => p.name === name), `duplicate name ${name}`).toBe(false);
        next.policies.push({ policyId, name, statement, description, enforcementMode, status: 'ACTIVE', statusReasons: [] });
        ids.set(name, policyId);
      }
    }
  }
  return next;
}

describe('plan convergence', () => {
  it('leaves nothing to plan after executing a plan, for 400 random scenarios', () => {
    let converged = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { desired: d, live: l } = scenario(seed);
      const first = planEngine(d, l, options);
      if (first.errors.length > 0) continue;
      const second = planEngine(d, execute(l, first), options);
      const left = second.changes.filter((c) => c.action !== 'no-op').map((c) => `${c.kind} ${c.action} ${c.name}`);
      expect({ seed, left, errors: second.errors }).toEqual({ seed, left: [], errors: [] });
      converged++;
    }
    // Most scenarios must be plannable, or this test proves little.
    expect(converged).toBeGreaterThan(250);
  });

  it('converges without duplicates when a run stops after any step and runs again (temporary copies included)', () => {
    let leftovers = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const { desired: d, live: l } = scenario(seed);
      const first = planEngine(d, l, options);
      const steps = phasesOf(first).flatMap((p) => p.steps).length;
      if (first.errors.length > 0 || steps === 0) continue;
      // Every stopping point where the plan makes temporary copies, one elsewhere.
      const copies = first.changes.some((c) => c.kind === 'policy' && c.shadowOf);
      for (const stop of copies ? Array.from({ length: steps }, (_, i) => i) : [seed % steps]) {
        const crashed = execute(l, first, stop);
        const rerun = planEngine(d, crashed, options);
        expect({ seed, stop, errors: rerun.errors }).toEqual({ seed, stop, errors: [] });
        if (rerun.changes.some((c) => c.kind === 'policy' && c.shadowOf && c.action === 'delete')) leftovers++;
        const left = planEngine(d, execute(crashed, rerun), options).changes.filter((c) => c.action !== 'no-op').map((c) => `${c.kind} ${c.action} ${c.name}`);
        expect({ seed, stop, left }).toEqual({ seed, stop, left: [] });
      }
    }
    expect(leftovers).toBeGreaterThan(5);
  });
});
