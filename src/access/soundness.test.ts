// Random policy pairs against Cedar itself: whatever the analysis claims must hold on every request of a pool
// that covers each class boundary (missing tags and inputs included). `equivalent`: Cedar decides every request
// alike; `widens`: none newly denied; `narrows`: none newly allowed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffAccess } from './index.js';
import { cedarJudge, IAM_GW, iamGateway, permit, policy, REFUND, REFUND_GW, refundGateway, RUN_JOB, witnessesHold } from '../../test/builders/access.js';
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

const jobAtoms = [
  'context.input.labels.contains("a")',
  'context.input.labels.containsAny(["a", "b"])',
  'context.input.labels.containsAll(["a", "b"])',
  '["a", "b"].containsAll(context.input.labels)',
  'context.input.labels.isEmpty()',
  'context.input.labels == ["b"]',
  'context.input has limits && context.input.limits.cpu < 2',
  'context.input.limits.cpu >= 1',
  'context.input.limits has memory && context.input.limits.memory == 4',
  'context.input has dryRun && context.input.dryRun',
  'context.input.dryRun == false',
  'principal == AgentCore::IamEntity::"r1"',
  'principal in [AgentCore::IamEntity::"r2", AgentCore::OAuthUser::"r1"]',
  'context.input.job like "*x*"',
  'principal.hasTag("username")',
];

const conditionOf = (atoms: string[]): fc.Arbitrary<string> => fc.letrec<{ c: string }>((tie) => ({
  c: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...atoms),
    fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a} && ${b})`),
    fc.tuple(tie('c'), tie('c')).map(([a, b]) => `(${a} || ${b})`),
    tie('c').map((a) => `!(${a})`),
    fc.tuple(tie('c'), tie('c'), tie('c')).map(([a, b, c]) => `(if ${a} then ${b} else ${c})`),
  ),
})).c;

const sideOf = (head: string, atoms: string[]) =>
  fc
    .array(fc.tuple(fc.constantFrom('permit', 'forbid'), fc.constantFrom('when', 'unless'), conditionOf(atoms), fc.boolean()), { minLength: 0, maxLength: 3 })
    .map((list) => list.map(([effect, kind, body, active]) => policy(`${effect}${head}\n${kind} { ${body} };`, active || list.length === 1)));

const refundHead = permit(REFUND_GW, REFUND).replace(/^permit/, '').replace(/;$/, '');
const refundPool: AccessRequest[] = [];
for (const username of [undefined, 'a', 'xa', 'b']) {
  for (const tier of [undefined, 'a', 'b', 'ab']) {
    for (const id of ['a', 'b', 'c']) {
      for (const amount of [-1, 0, 1, 4, 5, 6]) {
        for (const reason of [undefined, 'a', 'ba', 'x']) {
          for (const orderId of ['a', 'ab', 'b', 'x']) {
            const tags = { ...(username ? { username } : {}), ...(tier ? { tier } : {}) };
            refundPool.push({ principal: { type: 'OAuthUser', id, tags }, input: { orderId, amount, ...(reason ? { reason } : {}) } });
          }
        }
      }
    }
  }
}

const jobPool: AccessRequest[] = [];
for (const id of ['r1', 'r2', 'r3']) {
  for (const labels of [[], ['a'], ['b'], ['a', 'b'], ['c'], ['a', 'c'], ['a', 'b', 'c']]) {
    for (const limits of [undefined, { cpu: 0 }, { cpu: 1 }, { cpu: 2, memory: 4 }, { cpu: 1, memory: 3 }]) {
      for (const dryRun of [undefined, true, false]) {
        for (const job of ['x', 'y']) {
          jobPool.push({ principal: { type: 'IamEntity', id }, input: { job, labels, ...(limits ? { limits } : {}), ...(dryRun === undefined ? {} : { dryRun }) } });
        }
      }
    }
  }
}

const cases = [
  { name: 'tags, Longs, Strings and like on a JWT gateway', gateway: refundGateway, action: REFUND, head: refundHead, atoms, pool: refundPool, runs: 80 },
  { name: 'Sets, nested optional records and Booleans on an IAM gateway', gateway: iamGateway, action: RUN_JOB, head: ` (principal, action, resource == AgentCore::Gateway::"${IAM_GW}")`, atoms: jobAtoms, pool: jobPool, runs: 50 },
];

describe('the analysis against Cedar on random policy pairs', () => {
  for (const { name, gateway, action, head, atoms, pool, runs } of cases) it(`never claims what Cedar contradicts: ${name}`, () => {
    const side = sideOf(head, atoms);
    fc.assert(
      fc.property(side, side, fc.integer({ min: 0, max: 2 ** 30 }), (before, after, seed) => {
        const result = diffAccess([gateway], before, after)[0]!;
        expect(witnessesHold(gateway, result, before, after)).toBe(true);
        // Every condition here is within what the analysis follows: it must decide, and Cedar confirm, each one.
        expect(result.reason).toBeUndefined();
        if (result.verdict === 'both') return;
        const [old, now] = [cedarJudge(gateway, action, before, 'a'), cedarJudge(gateway, action, after, 'b')];
        for (let i = 0; i < 120; i++) {
          const request = pool[(seed + i * 7919) % pool.length]!;
          const [x, y] = [old(request), now(request)];
          if (result.verdict === 'equivalent') expect([x, y]).toEqual([x, x]);
          if (result.verdict === 'widens') expect([x, y]).not.toEqual(['allow', 'deny']);
          if (result.verdict === 'narrows') expect([x, y]).not.toEqual(['deny', 'allow']);
        }
      }),
      { numRuns: runs },
    );
  }, 180_000);
});
