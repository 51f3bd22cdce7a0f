import { describe, expect, it } from 'vitest';
import { applied, desired, engine, live, options, permit } from '../../test/builders/plan.js';
import type { CanaryEvidence, EngineReplay } from '../model.js';
import { editedParts, sealPlan } from './digest.js';
import { planAll } from './plan-all.js';
import { planEngine } from './plan-engine.js';
import { isPromotion, withReplay } from './promotions.js';

const WINDOW = { source: 'test', since: '2026-01-01T00:00:00.000Z', unreadable: 0, truncated: false, problems: [] };
const EVIDENCE: CanaryEvidence = { ...WINDOW, policy: 'Canary', decisions: 10, matched: 4, undecidable: 0, flips: { toDeny: 1, toAllow: 0 }, examples: [] };
const REPLAY: EngineReplay = { ...WINDOW, requests: 10, undecidable: 0, flips: { toDeny: 1, toAllow: 0 }, tools: [], examples: [] };

function promotingPlan() {
  const canary = desired('Canary', permit('c'));
  const other = desired('Other', permit('o'), { version: '1.1.0' });
  return planEngine(
    engine({ policies: [canary, other] }),
    live({ policies: [applied(desired('Canary', permit('c'), { enforcementMode: 'LOG_ONLY' })), applied(desired('Other', permit('o')))] }),
    options,
  );
}

describe('promotions', () => {
  it('are the LOG_ONLY policies a plan makes ACTIVE', () => {
    expect(promotingPlan().changes.filter(isPromotion).map((c) => c.name)).toEqual(['Canary']);
  });

  it('carry their evidence or why there is none, and the replay goes on the engine, sealed', () => {
    const plan = withReplay(promotingPlan(), REPLAY, new Map([['Canary', { evidence: EVIDENCE }]]));
    expect(plan.changes.find((c) => c.name === 'Canary')).toMatchObject({ promotion: { evidence: EVIDENCE } });
    expect(plan.changes.find((c) => c.name === 'Other')).not.toHaveProperty('promotion');
    expect(plan.replay).toEqual(REPLAY);
    const whole = planAll([plan]);
    expect(editedParts(whole)).toEqual([]);
    const edited = sealPlan({ ...whole, engines: [{ ...plan, replay: { ...REPLAY, requests: 11 } }] });
    expect(editedParts(edited)).toEqual(['engines[0] (Main)']);
  });
});
