// What recorded traffic says of one engine plan, where the plan meets the decision sources: the engine's recorded
// requests read once, and given both to the replay (decided again by the policies the plan leaves, when asked for)
// and to the evidence of each LOG_ONLY policy the plan promotes to ACTIVE (judged alone, as a canary). An engine
// without a source gets its promotions marked "without evidence", with why; nothing here fails a plan.
import type { ClientOptions } from '../agentcore/index.js';
import type { CanaryEvidence, DecisionWindow, EngineSpec, Promotion } from '../model.js';
import { accessSets } from '../plan/access-sets.js';
import { isPromotion, withReplay } from '../plan/promotions.js';
import type { EnginePlan } from '../plan/types.js';
import { CanaryTally } from '../replay/canary.js';
import { ReplayTally } from '../replay/replay.js';
import { readEngineDecisions, sinceOf, type WindowOptions } from './decision-source.js';

export const DEFAULT_SINCE_MS = 7 * 86_400_000;
export const DEFAULT_MAX_REQUESTS = 100_000;

export interface ReplayOptions extends WindowOptions {
  /** Replay every recorded request against the plan's policies (`when-available`: only for an engine that has a
   * decision source, as the action does by default); otherwise only promotions get their evidence. */
  replay: boolean | 'when-available';
}

export const DEFAULT_REPLAY: ReplayOptions = { replay: false, sinceMs: DEFAULT_SINCE_MS, maxRequests: DEFAULT_MAX_REQUESTS };

export async function replayPlan(plan: EnginePlan, engine: EngineSpec, root: string, client: ClientOptions, options: ReplayOptions): Promise<EnginePlan> {
  if (plan.unreachable) return plan;
  const promoted = plan.changes.filter(isPromotion);
  if (!options.replay && promoted.length === 0) return plan;
  const replay = options.replay ? new ReplayTally(engine, accessSets(plan).after.filter((p) => p.active)) : undefined;
  const canaries = promoted.map((change) => new CanaryTally(engine, { id: change.name, statement: change.after.statement }));
  const window = await readEngineDecisions(engine, root, client, options, (request) => {
    replay?.take(request);
    for (const canary of canaries) canary.take(request);
  });
  if ('none' in window) {
    // Asked for outright, the replay says why it has nothing; the action's default leaves such an engine out.
    const nothing: DecisionWindow = { source: 'none', since: new Date(sinceOf(options)).toISOString(), unreadable: 0, truncated: false, problems: [window.none] };
    const said = options.replay === true ? replay?.result(nothing) : undefined;
    return withReplay(plan, said, new Map(promoted.map((c) => [c.name, { missing: window.none }])));
  }
  return withReplay(plan, replay?.result(window), new Map(canaries.map((canary) => evidenceOf(canary.result(window)))));
}

/** Evidence that read nothing at all (every gateway's records unreadable) is no evidence. */
function evidenceOf(evidence: CanaryEvidence): [string, Promotion] {
  const unread = evidence.problems.length > 0 && evidence.decisions === 0 && evidence.undecidable === 0;
  return [evidence.policy, unread ? { missing: evidence.problems.join('; ') } : { evidence }];
}
