import { describe, expect, it } from 'vitest';
import { ACTION, CAP_300, ENGINE, GATEWAY, request, UNDER_500 } from '../../test/builders/replay.js';
import type { DecisionWindow } from '../model.js';
import { ReplayTally } from './replay.js';

const WINDOW: DecisionWindow = { source: 'test', since: '2026-01-01T00:00:00.000Z', unreadable: 2, truncated: false, problems: [] };
const allowed = { decision: 'allow' as const, determining: ['p-1'] };
const denied = { decision: 'deny' as const, determining: [] };
const AGENT = { username: 'refund-agent' };

describe('ReplayTally', () => {
  it('counts the requests the new set decides otherwise, per tool, with examples, and the undecidable ones', () => {
    // Live: Under500 alone. New: Under500 and Cap300, so refunds over 300 flip to denied.
    const tally = new ReplayTally(ENGINE, [UNDER_500, CAP_300], 'replay-test');
    for (const amount of [100, 350, 400, 450]) tally.take(request(amount, AGENT, ACTION, allowed));
    for (let i = 0; i < 3; i++) tally.take(request(320 + i, AGENT, ACTION, allowed));
    tally.take(request(600, AGENT, ACTION, denied));
    tally.take(request(100, undefined, ACTION, allowed)); // no claims: Under500 may or may not allow it
    tally.take(request(100, AGENT, 'RefundTarget___gone', allowed));
    const replay = tally.result(WINDOW);
    expect(replay).toMatchObject({ ...WINDOW, requests: 10, undecidable: 2, flips: { toDeny: 6, toAllow: 0 } });
    expect(replay.tools).toEqual([
      { gateway: GATEWAY, action: 'RefundTarget___gone', requests: 1, undecidable: 1, flips: { toDeny: 0, toAllow: 0 } },
      { gateway: GATEWAY, action: ACTION, requests: 9, undecidable: 1, flips: { toDeny: 6, toAllow: 0 } },
    ]);
    expect(replay.examples.map((e) => [e.direction, e.request.input.amount])).toEqual([
      ['toDeny', 350],
      ['toDeny', 400],
      ['toDeny', 450],
    ]);
    expect(replay.examples[0]).toMatchObject({ gateway: GATEWAY, action: ACTION, at: '1970-01-01T00:00:00.000Z', request: { principal: { type: 'OAuthUser', id: 'user-1', tags: AGENT } } });
  });

  it("shows in an example only the claims the policies read, not the token's others", () => {
    const tally = new ReplayTally(ENGINE, [UNDER_500, CAP_300], 'replay-test');
    tally.take(request(400, { ...AGENT, jti: 'token-id', iss: 'https://issuer' }, ACTION, allowed));
    expect(tally.result(WINDOW).examples[0]!.request.principal).toEqual({ type: 'OAuthUser', id: 'user-1', tags: AGENT });
  });

  it('counts requests denied then and allowed now as flips to allow', () => {
    const tally = new ReplayTally(ENGINE, [UNDER_500], 'replay-test');
    tally.take(request(450, AGENT, ACTION, denied));
    tally.take(request(450, { username: 'other' }, ACTION, denied));
    expect(tally.result(WINDOW).flips).toEqual({ toDeny: 0, toAllow: 1 });
  });
});
