// A LOG_ONLY policy switched to ACTIVE is a promotion: the canary starts to decide. The plan carries what recorded
// traffic says of it (the evidence, or why there is none) and the replay of the recorded requests against the
// policies the plan leaves; both are added to a plan made by the planner, and sealed into the engine's digest as
// the access analysis's additions are.
import type { EngineReplay, Promotion } from '../model.js';
import { sealEngine } from './digest.js';
import type { Change, EnginePlan, PolicyReplace, PolicyUpdate } from './types.js';

export function isPromotion(change: Change): change is PolicyUpdate | PolicyReplace {
  if (change.kind !== 'policy' || (change.action !== 'update' && change.action !== 'replace') || change.shadowOf) return false;
  return change.before.enforcementMode === 'LOG_ONLY' && change.after.enforcementMode === 'ACTIVE';
}

/** `promotions` by policy name; a promotion not in it is left as it is. */
export function withReplay(plan: EnginePlan, replay: EngineReplay | undefined, promotions: ReadonlyMap<string, Promotion>): EnginePlan {
  const changes = plan.changes.map((change) => {
    const promotion = isPromotion(change) ? promotions.get(change.name) : undefined;
    return promotion ? { ...change, promotion } : change;
  });
  const { digest: _old, ...content } = plan;
  return sealEngine({ ...content, changes, ...(replay && { replay }) });
}
