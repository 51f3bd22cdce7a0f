import { describe, expect, it } from 'vitest';
import type { Repository } from '../model.js';
import { planEngine } from './plan-engine.js';
import { applied, desired, engine, forbid, live, options, permit, spec } from '../../test/builders/plan.js';
import { policiesOf } from '../repository/membership.js';
import { engagedDescription, findEmergencyPolicy, onlyPolicy, switched } from './emergency.js';

const shutdown = spec('Shutdown', { group: 'emergency', enabled: false, description: 'kill switch' });
const refunds = spec('Refunds');
const repository: Repository = { root: '/r', engines: [engine().engine], policies: [shutdown, refunds], tests: [] };

describe('findEmergencyPolicy', () => {
  it('accepts an emergency policy of the engine and says why it refuses anything else', () => {
    const main = repository.engines[0]!;
    expect(findEmergencyPolicy(repository, main, policiesOf(repository, main), 'Shutdown')).toEqual({ policy: shutdown });
    expect(findEmergencyPolicy(repository, main, policiesOf(repository, main), 'Refunds')).toMatchObject({ diagnostic: { code: 'emergency/not-emergency', line: 2 } });
    expect(findEmergencyPolicy(repository, main, policiesOf(repository, main), 'Other')).toMatchObject({ diagnostic: { code: 'emergency/unknown-policy', message: 'no policy named Other is declared (emergency policies: Shutdown)' } });
    expect(findEmergencyPolicy(repository, { ...main, groups: ['business_rules'] }, policiesOf(repository, { ...main, groups: ['business_rules'] }), 'Shutdown')).toMatchObject({ diagnostic: { code: 'emergency/not-on-engine' } });
  });
});

describe('switched', () => {
  it('enables the policy with the reason on one line after its description, or disables it', () => {
    const on = switched(repository, shutdown, 'engage', ' INC-1\nfraud ');
    expect(on.policies[0]).toMatchObject({ enabled: true, description: 'kill switch\n\nEngaged outside the pull-request flow: INC-1 fraud' });
    expect(on.policies[1]).toBe(refunds);
    expect(switched(repository, { ...shutdown, enabled: true }, 'disengage', 'done').policies[0]).toMatchObject({ enabled: false, description: 'kill switch' });
    expect(engagedDescription('d', 'r')).toBe('d\n\nEngaged outside the pull-request flow: r');
  });
});

describe('onlyPolicy', () => {
  it('keeps the switched policy and the engine (untouched), and drops every other change and error', () => {
    const on = desired('Shutdown', forbid('all'), { group: 'emergency' });
    const other = desired('Refunds', permit('r'), { declaredAt: { file: 'policies/business_rules/policies.yaml', line: 9, column: 5 } });
    const stale = applied(desired('Refunds', permit('r', ' when { context.input.x == 1 }')));
    const plan = planEngine(engine({ policies: [on, other] }, { description: 'new words' }), live({ policies: [stale] }), options);
    expect(plan.errors.map((e) => e.code)).toEqual(['plan/version-not-bumped']);
    const only = onlyPolicy(plan, on.spec);
    expect(only.changes.map((c) => [c.kind, c.action, c.name])).toEqual([
      ['engine', 'no-op', 'Main'],
      ['policy', 'create', 'Shutdown'],
    ]);
    expect(only.errors).toEqual([]);
  });

  it('keeps the temporary copy the full plan makes of the switched forbid', () => {
    const was = desired('Shutdown', forbid('all'), { group: 'emergency' });
    const now = desired('Shutdown', forbid('all', ' when { context.input.x }'), { group: 'emergency', version: '1.1.0' });
    const plan = planEngine(engine({ policies: [now, desired('Refunds', permit('r'))] }), live({ policies: [applied(was)] }), options);
    const only = onlyPolicy(plan, now.spec);
    expect(only.changes.map((c) => [c.action, c.name])).toEqual([
      ['no-op', 'Main'],
      ['update', 'Shutdown'],
      ['create', expect.stringMatching(/^Shutdown__prev_/)],
    ]);
  });
});
