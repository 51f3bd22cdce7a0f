// A policy set of one engine, ready to decide recorded requests again: per tool action, on first use, Cedar's
// authorizer over the policies whose scope can match it, with the engine's schema and the tool's input schema, as
// the gateway and `test` decide. A request whose record carries the caller's claims (the local gateway's do), or
// whose tool no policy decides by claims, is one Cedar call. Otherwise the claims are unknown, and the policies
// that read them are judged by their tag-free part (cedar/tag-free.ts): the decision is told only when it is the
// same for every set of claims, else the request is undecidable (docs/replay.md has the argument).
import { mayApplyToAction } from '../cedar/action-scope.js';
import { createAuthorizer, type AuthorizationRequest, type Authorizer } from '../cedar/authorize.js';
import type { Est } from '../cedar/est.js';
import { buildCedarSchema } from '../cedar/schema.js';
import { readsTags, tagFreePart } from '../cedar/tag-free.js';
import { readPolicyShape, type ScopeElement } from '../cedar/tokens.js';
import type { EngineSpec, RecordedRequest, ToolSpec } from '../model.js';
import { toolsOf } from '../repository/membership.js';

/** An ACTIVE policy of the set: its id (a name) and its statement, variables filled. */
export interface ReplayPolicy {
  id: string;
  statement: string;
}

export type Verdict = { decision: 'allow' | 'deny'; reasons: string[] } | { undecidable: string };

/** The policies whose conditions hold for a request; `maybe` ones hold for some claims and not for others. */
export type Satisfied = { holds: string[]; maybe: string[] } | { undecidable: string };

export const TURNS_ON_CLAIMS = "it turns on the caller's claims, which the record does not carry";

interface Member {
  policy: ReplayPolicy;
  effect: 'permit' | 'forbid';
  action: ScopeElement | undefined;
  readsTags: boolean;
}

/** Each effect's policies alone: Cedar's reasons over a set of one effect are every policy of it that holds. */
interface Split {
  permits?: Authorizer;
  forbids?: Authorizer;
  /** Policies judged by their tag-free part: holding, they only may hold. */
  uncertain: Set<string>;
}

interface ActionSet {
  members: Member[];
  all?: Authorizer | string;
  known?: Split | string;
  unknownClaims?: Split | string;
}

export class SetEvaluator {
  private readonly tools: Map<string, ToolSpec>;
  private readonly schema: Record<string, unknown>;
  private readonly members: Member[];
  private readonly byAction = new Map<string, ActionSet>();

  /** `slot` names this set's cedar-wasm cache entries: another set of the same slot replaces them. */
  constructor(
    engine: EngineSpec,
    policies: ReplayPolicy[],
    private readonly slot: string,
  ) {
    this.tools = toolsOf(engine);
    this.schema = buildCedarSchema(engine.gateways);
    this.members = policies.map((policy) => {
      const shape = readPolicyShape(policy.statement);
      // A statement whose effect cannot be read goes with the forbids: what it does is then never taken as allowing.
      return { policy, effect: shape?.effect ?? 'forbid', action: shape?.action, readsTags: readsTags(policy.statement) };
    });
  }

  /** The set's decision of the request, or why it cannot be told. */
  decide(request: RecordedRequest): Verdict {
    const set = this.actionSet(request.action);
    const cedarRequest = this.cedarRequest(request);
    if (typeof cedarRequest === 'string') return { undecidable: cedarRequest };
    if (request.principal.tags !== undefined || !set.members.some((m) => m.readsTags)) {
      const all = (set.all ??= this.authorizer('all', request.action, set.members.map((m) => [m.policy.id, m.policy.statement])));
      if (typeof all === 'string') return { undecidable: all };
      const answer = all(cedarRequest);
      return answer.ok ? { decision: answer.decision, reasons: answer.reasons } : { undecidable: notValid(answer.issues) };
    }
    const split = (set.unknownClaims ??= this.split(request.action, set.members, true));
    const satisfied = this.satisfiedBy(split, cedarRequest);
    if ('undecidable' in satisfied) return satisfied;
    const effectOf = new Map(set.members.map((m) => [m.policy.id, m.effect]));
    const of = (effect: 'permit' | 'forbid', list: string[]) => list.filter((id) => effectOf.get(id) === effect);
    const [forbids, permits] = [of('forbid', satisfied.holds), of('permit', satisfied.holds)];
    if (forbids.length > 0) return { decision: 'deny', reasons: forbids };
    if (permits.length > 0 && of('forbid', satisfied.maybe).length === 0) return { decision: 'allow', reasons: permits };
    if (permits.length === 0 && of('permit', satisfied.maybe).length === 0) return { decision: 'deny', reasons: [] };
    return { undecidable: TURNS_ON_CLAIMS };
  }

  /** Which of the set's policies hold for the request. */
  satisfied(request: RecordedRequest): Satisfied {
    const set = this.actionSet(request.action);
    const cedarRequest = this.cedarRequest(request);
    if (typeof cedarRequest === 'string') return { undecidable: cedarRequest };
    const unknown = request.principal.tags === undefined;
    const split = unknown ? (set.unknownClaims ??= this.split(request.action, set.members, true)) : (set.known ??= this.split(request.action, set.members, false));
    return this.satisfiedBy(split, cedarRequest);
  }

  private satisfiedBy(split: Split | string, request: AuthorizationRequest): Satisfied {
    if (typeof split === 'string') return { undecidable: split };
    const holds: string[] = [];
    const maybe: string[] = [];
    for (const authorize of [split.permits, split.forbids]) {
      if (!authorize) continue;
      const answer = authorize(request);
      if (!answer.ok) return { undecidable: notValid(answer.issues) };
      for (const id of answer.reasons) (split.uncertain.has(id) ? maybe : holds).push(id);
    }
    return { holds, maybe };
  }

  private actionSet(action: string): ActionSet {
    let set = this.byAction.get(action);
    if (!set) {
      const members = this.members.filter((m) => mayApplyToAction(m.action, action));
      this.byAction.set(action, (set = { members }));
    }
    return set;
  }

  private cedarRequest(request: RecordedRequest): AuthorizationRequest | string {
    const tool = this.tools.get(request.action);
    if (!tool) return `its tool ${request.action} is not on the engine's gateways any more`;
    const principal = { ...request.principal, tags: request.principal.tags ?? {} };
    return { principal, action: request.action, resource: request.gateway, input: request.input, inputSchema: tool.inputSchema };
  }

  /** `unknownClaims`: the policies that read claims are replaced by their tag-free part. */
  private split(action: string, members: Member[], unknownClaims: boolean): Split | string {
    const split: Split = { uncertain: new Set() };
    for (const effect of ['permit', 'forbid'] as const) {
      const entries: [string, string | Est][] = [];
      for (const member of members.filter((m) => m.effect === effect)) {
        if (!unknownClaims || !member.readsTags) {
          entries.push([member.policy.id, member.policy.statement]);
          continue;
        }
        const part = tagFreePart(member.policy.statement);
        if (!part.ok) return `the policy ${member.policy.id} does not parse: ${part.message}`;
        entries.push([member.policy.id, part.est]);
        split.uncertain.add(member.policy.id);
      }
      if (entries.length === 0) continue;
      const authorizer = this.authorizer(`${unknownClaims ? 'claimless' : 'known'}-${effect}`, action, entries);
      if (typeof authorizer === 'string') return authorizer;
      split[effect === 'permit' ? 'permits' : 'forbids'] = authorizer;
    }
    return split;
  }

  private authorizer(kind: string, action: string, entries: [string, string | Est][]): Authorizer | string {
    const prepared = createAuthorizer(`${this.slot}:${action}:${kind}`, Object.fromEntries(entries), this.schema);
    return typeof prepared === 'function' ? prepared : `the policies for ${action} do not load: ${prepared.issues[0]?.message ?? 'unknown error'}`;
  }
}

function notValid(issues: { message: string }[]): string {
  return `it is not a valid request for the tool now (${issues.map((i) => i.message).join('; ')})`;
}
