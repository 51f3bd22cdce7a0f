import { describe, expect, it } from 'vitest';
import { planEngine } from '../plan/plan-engine.js';
import { applied, desired, engine, live, options, permit, unmanaged } from '../../test/builders/plan.js';
import { sameSteps, staleDiagnostic } from './stale.js';

const a = desired('A', permit('a'));
const b = desired('B', permit('b', ' when { context.input.amount < 5 }'), { version: '1.1.0' });
const before = live({ policies: [applied(a), applied(desired('B', permit('b')))] });
const planned = planEngine(engine({ policies: [a, b] }), before, options);

describe('staleDiagnostic', () => {
  it('is silent while live matches the plan, and names what moved otherwise', () => {
    expect(staleDiagnostic(planned, before)).toBeUndefined();
    const moved = live({ policies: [applied(a, { enforcementMode: 'LOG_ONLY' }), applied(desired('B', permit('b')))] });
    expect(staleDiagnostic(planned, moved)).toEqual({
      severity: 'error',
      code: 'apply/stale-plan',
      message: 'engine Main: the plan is stale, the live engine changed since it was made: policy A (A-0123456789) was updated. Nothing was applied; plan again.',
      file: 'engines/main.yaml',
    });
  });
});

describe('sameSteps', () => {
  it('holds when the live state moved in a way that changes no step, and fails when a step changes', () => {
    const creating = live({ policies: [...before.policies, unmanaged('Console', permit('c'), { status: 'CREATING' })] });
    const settled = live({ policies: [...before.policies, unmanaged('Console', permit('c'))] });
    const early = planEngine(engine({ policies: [a, b] }), creating, options);
    const late = planEngine(engine({ policies: [a, b] }), settled, options);
    expect(early.fingerprint).not.toBe(late.fingerprint);
    expect(sameSteps(early, late)).toBe(true);
    const flipped = planEngine(engine({ policies: [a, b] }), live({ policies: [applied(a, { enforcementMode: 'LOG_ONLY' }), ...before.policies.slice(1)] }), options);
    expect(sameSteps(planned, flipped)).toBe(false);
  });
});
