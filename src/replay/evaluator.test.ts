import { describe, expect, it } from 'vitest';
import { ACTION, CAP_300, ENGINE, GATEWAY, request, SMALL, SUSPENDED, UNDER_500 } from '../../test/builders/replay.js';
import { createAuthorizer } from '../cedar/authorize.js';
import { SetEvaluator, TURNS_ON_CLAIMS } from './evaluator.js';

const CLAIMS: Record<string, string>[] = [{}, { username: 'refund-agent' }, { username: 'other' }, { username: 'refund-agent', suspended: 'yes' }, { suspended: 'yes' }];
const AMOUNTS = [10, 60, 150, 299, 301, 499, 500, 900];

describe('SetEvaluator', () => {
  const policies = [UNDER_500, CAP_300, SUSPENDED, SMALL];
  const evaluator = new SetEvaluator(ENGINE, policies, 'evaluator-test');
  const cedar = createAuthorizer('evaluator-test-direct', Object.fromEntries(policies.map((p) => [p.id, p.statement])));
  if (typeof cedar !== 'function') throw new Error('policies do not load');

  it('decides a request with its claims exactly as Cedar does over the whole set', () => {
    for (const amount of AMOUNTS) {
      for (const tags of CLAIMS) {
        const direct = cedar({ principal: { type: 'OAuthUser', id: 'user-1', tags }, action: ACTION, resource: GATEWAY, input: { amount } });
        expect(direct.ok && evaluator.decide(request(amount, tags))).toEqual(direct.ok && { decision: direct.decision, reasons: direct.reasons });
      }
    }
  });

  it('without the claims, tells a decision only when every set of claims gives it', () => {
    const told: Record<string, string> = {};
    for (const amount of AMOUNTS) {
      const verdict = evaluator.decide(request(amount));
      const outcomes = new Set(CLAIMS.map((tags) => evaluator.decide(request(amount, tags))).map((v) => ('decision' in v ? v.decision : '?')));
      if ('decision' in verdict) expect([...outcomes]).toEqual([verdict.decision]);
      told[amount] = 'decision' in verdict ? verdict.decision : verdict.undecidable;
    }
    expect(told).toEqual({
      10: 'allow', // Small holds, and Suspended cannot (amount <= 100)
      60: TURNS_ON_CLAIMS, // only Under500 could allow it, by username
      150: TURNS_ON_CLAIMS,
      299: TURNS_ON_CLAIMS,
      301: 'deny', // Cap300 holds whoever calls
      499: 'deny',
      500: 'deny',
      900: 'deny',
    });
  });

  it('says which policies hold, and which only may without the claims', () => {
    expect(evaluator.satisfied(request(150, { username: 'refund-agent' }))).toEqual({ holds: ['Under500'], maybe: [] });
    expect(evaluator.satisfied(request(150))).toEqual({ holds: [], maybe: ['Under500', 'Suspended'] });
  });

  it('cannot decide a tool the engine no longer has, or arguments that no longer fit it', () => {
    expect(evaluator.decide(request(10, {}, 'RefundTarget___gone'))).toEqual({ undecidable: "its tool RefundTarget___gone is not on the engine's gateways any more" });
    const misfit = { ...request(10, {}), input: { amount: 'ten' } };
    expect(evaluator.decide(misfit)).toMatchObject({ undecidable: expect.stringMatching(/^it is not a valid request for the tool now/) });
  });
});
