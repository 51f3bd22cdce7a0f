// Apply's intermediate states, checked: a state between phases must not allow a request that both the old and the
// new policy set deny. Each violation is a request Cedar confirms against all three sets.
import { confirmed, whyUnknown } from './diff.js';
import { Analysis, sameSides } from './policies.js';
import { search, type Goal, type Hit } from './search.js';
import type { AccessGateway, AccessPolicy, IntermediateCheck } from './types.js';
import { Universe } from './universe.js';
import { oracleFor } from './verify.js';

/** Sides: 0 the old set, 1 the new set, 2 the intermediate state. */
const allowedBetween: Goal = ([old, next, state], same) => {
  if (old === 'allow' || next === 'allow' || state === 'deny') return 'prune';
  if (old && next && state) return 'hit';
  return !state && ((!old && same(2, 0)) || (!next && same(2, 1))) ? 'prune' : 'continue';
};

const HITS_KEPT = 6;

export function checkIntermediateStates(gateways: AccessGateway[], before: AccessPolicy[], after: AccessPolicy[], states: AccessPolicy[][]): IntermediateCheck {
  const analysis = new Analysis(gateways);
  const check: IntermediateCheck = { checked: states.length, violations: [], unknown: [] };
  states.forEach((policies, state) => {
    for (const shape of analysis.shapes) {
      const place = { state, gateway: shape.gateway.arn, action: shape.action };
      const sides = [analysis.side(before, shape), analysis.side(after, shape), analysis.side(policies, shape)];
      const broken = [...new Set(sides.flatMap((s) => s.broken))];
      if (broken.length > 0) {
        check.unknown.push({ ...place, reason: `${broken.join(', ')} ${broken.length === 1 ? 'does' : 'do'} not parse` });
        continue;
      }
      if (sameSides(sides[2]!, sides[0]!) || sameSides(sides[2]!, sides[1]!)) continue;
      const universe = new Universe(sides.flatMap((s) => s.compiled));
      const hits: Hit[] = [];
      const searched = search(sides.map((s) => s.compiled), universe, allowedBetween, (hit) => hits.push(hit) >= HITS_KEPT);
      if (hits.length === 0) {
        if (!searched.complete) check.unknown.push({ ...place, reason: whyUnknown(searched.stop, []) });
        continue;
      }
      const oracle = oracleFor(shape, sides.map((s) => s.policies), analysis.schema);
      const [request] = confirmed(hits, ['deny', 'deny', 'allow'], { shape, universe, sides: sides.map((s) => s.compiled), oracle });
      if (request) check.violations.push({ ...place, request });
      else check.unknown.push({ ...place, reason: whyUnknown(searched.stop, sides) });
    }
  });
  return check;
}
