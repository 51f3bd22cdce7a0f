// The service's semantic findings on one policy, made locally: over the actions its scope covers, a permit that
// allows every request (ALLOW_ALL) or none (ALLOW_NONE), a forbid that denies every request (DENY_ALL) or none
// (DENY_NONE). Each is a proof by the same search as the access diff: the policy compared with "nothing" and with
// "everything"; where the search cannot prove it, no finding is made.
import type { CompiledPolicy } from './compile.js';
import { TRUE } from './formula.js';
import { Analysis, parseStatement } from './policies.js';
import { differ, search } from './search.js';
import type { AccessGateway, AccessPolicy, FindingKind, PolicyFinding } from './types.js';
import { Universe } from './universe.js';

const EVERYTHING: CompiledPolicy = { key: '*', effect: 'permit', covers: true, formula: TRUE, vars: new Map(), reasons: [] };
const NOTHING: CompiledPolicy[] = [];

/** The findings of policies over one engine's gateways: the gateways' request shapes, and the policies compiled
 * for them, are made once for all the policies it is asked about (a shape set per policy was most of validating
 * 10,000 policies). */
export function policyFindings(gateways: AccessGateway[]): (policy: AccessPolicy) => PolicyFinding[] {
  const analysis = new Analysis(gateways);
  return (policy) => findingsOf(analysis, policy);
}

function findingsOf(analysis: Analysis, policy: AccessPolicy): PolicyFinding[] {
  const parsed = parseStatement(policy.statement);
  if ('error' in parsed) return [];
  const covered = analysis.shapes.flatMap((shape) => {
    const compiled = analysis.covering(parsed, shape);
    return compiled ? [{ shape, compiled }] : [];
  });
  const permits = parsed.est.effect === 'permit';
  const finding = (kind: FindingKind, message: string): PolicyFinding[] => [
    { kind, policy: policy.id, actions: covered.map(({ shape }) => ({ gateway: shape.gateway.arn, action: shape.action })), message },
  ];
  if (covered.length === 0) return finding(permits ? 'ALLOW_NONE' : 'DENY_NONE', `${policy.id} applies to no tool of the engine's gateways`);
  const tools = covered.length === 1 ? covered[0]!.shape.action : `all ${covered.length} tools it covers`;
  if (covered.every(({ compiled }) => provesNoHit(compiled, NOTHING))) {
    return finding(permits ? 'ALLOW_NONE' : 'DENY_NONE', `${policy.id} can never ${permits ? 'allow' : 'deny'} a request: its conditions hold for none`);
  }
  if (covered.every(({ compiled }) => provesNoHit(compiled, [EVERYTHING]))) {
    return finding(permits ? 'ALLOW_ALL' : 'DENY_ALL', `${policy.id} ${permits ? 'allows' : 'denies'} every request to ${tools}`);
  }
  return [];
}

/** Whether the policy, read as a permit, provably decides every request as `other` does. */
function provesNoHit(compiled: CompiledPolicy, other: CompiledPolicy[]): boolean {
  const asPermit: CompiledPolicy = { ...compiled, effect: 'permit' };
  const universe = new Universe([asPermit, ...other]);
  let hit = false;
  const searched = search([[asPermit], other], universe, differ(() => ({ allowed: true, denied: true })), () => (hit = true));
  return !hit && searched.complete;
}
