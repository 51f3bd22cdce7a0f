import { describe, expect, it } from 'vitest';
import { ACTION, CAP_300, ENGINE, request, SMALL, SUSPENDED } from '../../test/builders/replay.js';
import type { DecisionWindow } from '../model.js';
import { CanaryTally } from './canary.js';

const WINDOW: DecisionWindow = { source: 'test', since: '2026-01-01T00:00:00.000Z', unreadable: 0, truncated: false, problems: [] };
const allowed = { decision: 'allow' as const, determining: ['p-1'] };
const deniedByDefault = { decision: 'deny' as const, determining: [] };
const deniedByForbid = { decision: 'deny' as const, determining: ['f-1'] };

describe('CanaryTally', () => {
  it('a LOG_ONLY forbid: matched where it holds, flipping the allowed requests it holds for', () => {
    const tally = new CanaryTally(ENGINE, CAP_300, 'canary-test');
    tally.take(request(100, {}, ACTION, allowed));
    tally.take(request(400, {}, ACTION, allowed));
    tally.take(request(500, {}, ACTION, deniedByDefault));
    tally.take(request(400, {}, 'OtherTarget___tool', allowed)); // not its tool: not counted
    const evidence = tally.result(WINDOW);
    expect(evidence).toMatchObject({ policy: 'Cap300', decisions: 3, matched: 2, undecidable: 0, flips: { toDeny: 1, toAllow: 0 } });
    expect(evidence.examples.map((e) => [e.direction, e.request.input.amount])).toEqual([['toDeny', 400]]);
  });

  it('a LOG_ONLY permit flips only a deny by default', () => {
    const tally = new CanaryTally(ENGINE, SMALL, 'canary-test');
    tally.take(request(10, {}, ACTION, deniedByDefault));
    tally.take(request(10, {}, ACTION, deniedByForbid));
    tally.take(request(10, {}, ACTION, allowed));
    expect(tally.result(WINDOW)).toMatchObject({ decisions: 3, matched: 3, flips: { toDeny: 0, toAllow: 1 } });
  });

  it('cannot tell a canary reading claims from records without them, unless its tag-free part fails', () => {
    const tally = new CanaryTally(ENGINE, SUSPENDED, 'canary-test');
    tally.take(request(50, undefined, ACTION, allowed)); // amount <= 100: it cannot hold, whoever calls
    tally.take(request(150, undefined, ACTION, allowed)); // holds if the caller is suspended
    tally.take(request(150, { suspended: 'yes' }, ACTION, allowed));
    expect(tally.result(WINDOW)).toMatchObject({ decisions: 2, matched: 1, undecidable: 1, flips: { toDeny: 1, toAllow: 0 } });
  });
});
