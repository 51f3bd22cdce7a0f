// The verdict for one (gateway, action): equivalent when the search over every class of request finds none that
// the two sets decide differently (a proof, opaque parts included: they are searched as free variables, which
// covers whatever they really do); otherwise the requests found, each confirmed by Cedar's authorizer, and
// `unknown` for a direction where a difference was found only through an opaque part and Cedar did not confirm it.
import type { CompiledPolicy } from './compile.js';
import { type Analysis, type Side, sameSides } from './policies.js';
import { differ, search, type Decision, type Hit } from './search.js';
import type { RequestShape } from './shape.js';
import type { AccessRequest, ActionAccess, AccessPolicy } from './types.js';
import { Universe } from './universe.js';
import { oracleFor, type Oracle } from './verify.js';
import { shrink } from './shrink.js';
import { rankHits, requestOf } from './witness.js';

const WITNESSES = 3;
/** Hits kept per direction to choose witnesses from. */
const HITS_KEPT = 24;
/** Witness candidates put to Cedar per direction, at most. */
const TRIES = 12;

/** The verdict for a shape on which both sets hold the same policies. */
export function equivalentOn(shape: RequestShape): ActionAccess {
  return { gateway: shape.gateway.arn, action: shape.action, verdict: 'equivalent', newlyAllowed: [], newlyDenied: [] };
}

export function compareShape(analysis: Analysis, shape: RequestShape, before: AccessPolicy[], after: AccessPolicy[]): ActionAccess {
  const result = equivalentOn(shape);
  const [old, next] = [analysis.side(before, shape), analysis.side(after, shape)];
  const broken = [...new Set([...old.broken, ...next.broken])];
  if (broken.length > 0) return { ...result, verdict: 'unknown', reason: `${broken.join(', ')} ${broken.length === 1 ? 'does' : 'do'} not parse` };
  if (sameSides(old, next)) return result;
  const universe = new Universe([...old.compiled, ...next.compiled]);
  const allowed: Hit[] = [];
  const denied: Hit[] = [];
  const wanted = () => ({ allowed: allowed.length < HITS_KEPT, denied: denied.length < HITS_KEPT });
  const searched = search([old.compiled, next.compiled], universe, differ(wanted), (hit) => {
    (hit.decisions[1] === 'allow' ? allowed : denied).push(hit);
    return allowed.length >= HITS_KEPT && denied.length >= HITS_KEPT;
  });
  if (allowed.length === 0 && denied.length === 0) return searched.complete ? result : { ...result, verdict: 'unknown', reason: searched.stop };
  const oracle = oracleFor(shape, [old.policies, next.policies], analysis.schema);
  const sides = [old.compiled, next.compiled];
  result.newlyAllowed = confirmed(allowed, ['deny', 'allow'], { shape, universe, sides, oracle });
  result.newlyDenied = confirmed(denied, ['allow', 'deny'], { shape, universe, sides, oracle });
  const state = (hits: Hit[], shown: AccessRequest[]) => (shown.length > 0 ? 'yes' : hits.length === 0 && searched.complete ? 'no' : 'maybe');
  const [widens, narrows] = [state(allowed, result.newlyAllowed), state(denied, result.newlyDenied)];
  if (widens === 'maybe' || narrows === 'maybe') return { ...result, verdict: 'unknown', reason: whyUnknown(searched.stop, [old, next]) };
  return { ...result, verdict: widens === 'yes' ? (narrows === 'yes' ? 'both' : 'widens') : 'narrows' };
}

export interface Judges {
  shape: RequestShape;
  universe: Universe;
  sides: CompiledPolicy[][];
  oracle: Oracle;
}

/** Up to WITNESSES requests Cedar decides as `expected` (one decision per side), one per situation where there are
 * several, each without the tags and optional inputs the difference does not need. */
export function confirmed(hits: Hit[], expected: Decision[], { shape, universe, sides, oracle }: Judges): AccessRequest[] {
  const { distinct, others } = rankHits(hits, universe);
  const shown: AccessRequest[] = [];
  const tried = new Set<string>();
  for (const hit of [...distinct, ...others]) {
    if (shown.length >= WITNESSES || tried.size >= TRIES) break;
    if (shown.length > 0 && !distinct.includes(hit)) break;
    const request = shrink(requestOf(shape, universe, hit.values), shape, universe, sides, expected);
    const key = JSON.stringify(request);
    if (tried.has(key)) continue;
    tried.add(key);
    const decisions = oracle(request);
    if (expected.every((d, i) => decisions[i] === d)) shown.push(request);
  }
  return shown;
}

/** Why a direction stays undecided, in words, naming the policies with parts the analysis does not follow. */
export function whyUnknown(stop: string | undefined, sides: Side[]): string {
  const reasons = new Set<string>();
  if (stop) reasons.add(stop);
  for (const side of sides) {
    for (const compiled of side.compiled as CompiledPolicy[]) {
      for (const reason of compiled.reasons) reasons.add(`${side.names.get(compiled)} ${reason}`);
    }
  }
  return reasons.size > 0 ? [...reasons].join('; ') : 'a difference found did not pass Cedar\'s own check (an analysis error: please report it)';
}
