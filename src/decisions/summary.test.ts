import { describe, expect, it } from 'vitest';
import { ACTION, GATEWAY, request } from '../../test/builders/replay.js';
import { DecisionCounts } from './summary.js';

describe('DecisionCounts', () => {
  it('counts allows and denies per gateway and tool, sorted', () => {
    const counts = new DecisionCounts();
    const allowed = { decision: 'allow' as const, determining: ['p'] };
    for (const amount of [1, 2, 3]) counts.take(request(amount, {}, ACTION, allowed));
    counts.take(request(4, {}, ACTION));
    counts.take(request(5, {}, 'A___first', allowed));
    expect(counts.result()).toEqual([
      { gateway: GATEWAY, action: 'A___first', allow: 1, deny: 0 },
      { gateway: GATEWAY, action: ACTION, allow: 3, deny: 1 },
    ]);
  });
});
