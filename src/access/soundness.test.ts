// Random policy pairs against Cedar itself: whatever the analysis claims must hold on every request of a pool
// that covers each class boundary (missing tags and inputs included). `equivalent`: Cedar decides every request
// alike; `widens`: none newly denied; `narrows`: none newly allowed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffAccess } from './index.js';
import { cedarJudge, permit, policy, REFUND, REFUND_GW, refundGateway, witnessesHold } from './test-fixture.js';
import type { AccessRequest } from './types.js';

const atoms = [
  'principal.hasTag("username")',
  'principal.getTag("username") == "a"',
  'principal.hasTag("tier") && principal.getTag("tier") == "b"',
  'principal.hasTag("username") && principal.getTag("username") like "*a*"',
  'principal.hasTag("tier") && principal.getTag("tier") like "a*"',
  '["a", "b"].contains(principal.getTag("tier"))',
  'principal.id == "a"',
  'principal == AgentCore::OAuthUser::"b"',
  'context.input has reason',
  'context.input.reason == "a"',
  'context.input has reason && context.input.reason like "*a"',
  'context.input.orderId like "a*"',
  'context.input.orderId != "b"',
  ...['<', '<=', '>', '>=', '==', '!='].flatMap((op) => [0, 5].map((n) => `context.input.amount ${op} ${n}`)),
];

const condition: fc.Arbitrary<string> = fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...atoms),
    fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a} && ${b})`),
    fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a} || ${b})`),
    tie('c').map((a) => `!(${a})`),
    fc.tuple(tie('c'), tie('c'), tie('c')).map(([a, b, c]) => `(if ${a} then ${b} else ${c})`),
  ),
})).c;

const statement = fc.tuple(fc.constantFrom('permit', 'forbid'), fc.constantFrom('when', 'unless'), condition).map(
  ([effect, kind, body]) => permit(REFUND_GW, REFUND).replace(/^permit/, effect).replace(/;$/, `\n${kind} { ${body} };`),
);
const side = fc.array(fc.tuple(statement, fc.boolean()), { minLength: 0, maxLength: 3 }).map((list) => list.map(([s, active]) => policy(s, active || list.length === 1)));

const pool: AccessRequest[] = [];
for (const username of [undefined, 'a', 'xa', 'b']) {
  for (const tier of [undefined, 'a', 'b', 'ab']) {
    for (const id of ['a', 'b', 'c']) {
      for (const amount of [-1, 0, 1, 4, 5, 6]) {
        for (const reason of [undefined, 'a', 'ba', 'x']) {
          for (const orderId of ['a', 'ab', 'b', 'x']) {
            const tags = { ...(username ? { username } : {}), ...(tier ? { tier } : {}) };
            pool.push({ principal: { type: 'OAuthUser', id, tags }, input: { orderId, amount, ...(reason ? { reason } : {}) } });
          }
        }
      }
    }
  }
}

describe('the analysis against Cedar on random policy pairs', () => {
  it('never claims what Cedar contradicts', () => {
    fc.assert(
      fc.property(side, side, fc.integer({ min: 0, max: 2 ** 30 }), (before, after, seed) => {
        const result = diffAccess([refundGateway], before, after)[0]!;
        expect(witnessesHold(refundGateway, result, before, after)).toBe(true);
        // Every condition here is within what the analysis follows: it must decide, and Cedar confirm, each one.
        expect(result.reason).toBeUndefined();
        if (result.verdict === 'both') return;
        const [old, now] = [cedarJudge(refundGateway, REFUND, before, 'a'), cedarJudge(refundGateway, REFUND, after, 'b')];
        for (let i = 0; i < 120; i++) {
          const request = pool[(seed + i * 7919) % pool.length]!;
          const [x, y] = [old(request), now(request)];
          if (result.verdict === 'equivalent') expect([x, y]).toEqual([x, x]);
          if (result.verdict === 'widens') expect([x, y]).not.toEqual(['allow', 'deny']);
          if (result.verdict === 'narrows') expect([x, y]).not.toEqual(['deny', 'allow']);
        }
      }),
      { numRuns: 80 },
    );
  });
});
