import { describe, expect, it } from 'vitest';
import type { LiveState } from '../model.js';
import { explainLiveChange, fingerprintLive, summarizeLive } from './fingerprint.js';
import { ENGINE_ARN, applied, desired, live, liveEngine, liveGateway, permit, unmanaged } from '../../test/builders/plan.js';

const base = (): LiveState =>
  live({
    policies: [applied(desired('A', permit('a'))), unmanaged('B', permit('b'))],
    gateways: [liveGateway(1, { arn: ENGINE_ARN, mode: 'ENFORCE' }), liveGateway(2)],
  });

describe('fingerprintLive', () => {
  it('is stable and ignores listing order, timestamps and status reasons', () => {
    const state = base();
    const shuffled: LiveState = {
      ...state,
      policies: [...state.policies].reverse().map((p) => ({ ...p, updatedAt: '2026-01-01T00:00:00Z', statusReasons: ['noise'] })),
      gateways: [...state.gateways].reverse(),
    };
    expect(fingerprintLive(shuffled)).toBe(fingerprintLive(base()));
    expect(fingerprintLive(base())).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with anything a plan depends on', () => {
    const edits: ((s: LiveState) => void)[] = [
      (s) => (s.engine = undefined),
      (s) => (s.engine = liveEngine({ status: 'UPDATING' })),
      (s) => (s.engine = liveEngine({ description: 'x' })),
      (s) => (s.policies[0]!.statement = permit('z')),
      (s) => (s.policies[0]!.description = 'other'),
      (s) => (s.policies[0]!.enforcementMode = 'LOG_ONLY'),
      (s) => (s.policies[0]!.status = 'UPDATE_FAILED'),
      (s) => (s.policies[1]!.name = 'C'),
      (s) => s.policies.pop(),
      (s) => s.policies.push(unmanaged('D', permit('d'))),
      (s) => (s.gateways[0]!.policyEngine = { arn: ENGINE_ARN, mode: 'LOG_ONLY' }),
      (s) => delete s.gateways[0]!.policyEngine,
      (s) => s.gateways.pop(),
    ];
    const seen = new Set([fingerprintLive(base())]);
    for (const edit of edits) {
      const state = base();
      edit(state);
      seen.add(fingerprintLive(state));
    }
    expect(seen.size).toBe(edits.length + 1);
  });
});

describe('explainLiveChange', () => {
  it('says nothing when nothing changed', () => {
    expect(explainLiveChange(summarizeLive(base()), base())).toEqual([]);
  });

  it('names each object that moved since the plan', () => {
    const before = summarizeLive(base());
    const now = base();
    now.policies[0]!.statement = permit('z');
    now.policies.splice(1, 1);
    now.policies.push(unmanaged('D', permit('d')));
    now.gateways[0]!.policyEngine = { arn: ENGINE_ARN, mode: 'LOG_ONLY' };
    now.engine = liveEngine({ status: 'UPDATING' });
    expect(explainLiveChange(before, now)).toEqual([
      'engine Main changed (id, description or status)',
      'policy A (A-0123456789) was updated',
      'policy B (B-9876543210) was deleted',
      'policy D (D-9876543210) was created',
      `gateway ${now.gateways[0]!.arn} changed its policy engine or mode`,
    ]);
  });

  it('notices an engine created or deleted behind the plan', () => {
    expect(explainLiveChange(summarizeLive(live({ withEngine: false })), live())).toEqual(['engine Main was created']);
    expect(explainLiveChange(summarizeLive(live()), live({ withEngine: false }))).toEqual(['engine Main no longer exists']);
  });

  it('survives a JSON round trip of the summary, as a saved plan does', () => {
    const saved = JSON.parse(JSON.stringify(summarizeLive(base())));
    expect(explainLiveChange(saved, base())).toEqual([]);
  });
});
