// An engine's live policies, prepared for Cedar once per version of the engine (see snapshot.ts) and per tool
// action on first use, as `agentcore-policy test` prepares them: Cedar's authorizer over the policies whose scope
// can match the action, with the Cedar schema of the engine's attached gateways, and policy ids as Cedar's policy
// ids. Within an action, a set is prepared per kind of principal: policies whose principal guards rule the
// principal out (see cedar/principal-guards.ts) are left out, which changes nothing Cedar reports and spares it
// evaluating every per-user policy of a tool on every call. ACTIVE policies decide; LOG_ONLY permits and forbids
// are prepared apart, so each request can say which of them matched.
//
// Which definition is live (guesses): a policy still CREATING, or CREATE_FAILED, decides nothing; one UPDATING
// decides with the definition it will end with (the previous one when the update is going to fail); one DELETING
// or DELETE_FAILED still decides. Definitions other than Cedar (`policy`, with guardrails) are left out: the local
// engine cannot evaluate them.
import { mayApplyToAction } from '../../cedar/action-scope.js';
import { createAuthorizer, mayBeAllowed, type AuthorizationRequest, type Authorizer } from '../../cedar/authorize.js';
import { guardsExclude, principalGuards, type PrincipalGuard } from '../../cedar/principal-guards.js';
import { readPolicyShape, type ScopeElement } from '../../cedar/tokens.js';
import { POLICY_STATUSES, statusOf } from '../lifecycle.js';
import type { Policy } from '../store.js';

export interface LivePolicy {
  id: string;
  statement: string;
  logOnly: boolean;
  effect: 'permit' | 'forbid' | undefined;
  action: ScopeElement | undefined;
  guards: PrincipalGuard[];
}

export interface ActionAuthorizers {
  active: Authorizer;
  /** Undefined when the engine has no such LOG_ONLY policy for the action. */
  logOnlyPermits?: Authorizer;
  logOnlyForbids?: Authorizer;
}

type Prepared = ActionAuthorizers | { issues: { message: string }[] };
type Principal = AuthorizationRequest['principal'];

/** The policies that can apply to one action, and the sets prepared from them per kind of principal. */
interface ActionPolicies {
  policies: LivePolicy[];
  /** The tag keys the guards test, each with the values they compare it to. */
  guardKeys: [string, Set<string>][];
  /** By principal signature (oldest first), with the cedar-wasm slot each holds. */
  prepared: Map<string, { prepared: Prepared; slot: number }>;
}

/** Sets kept per action; a principal of another kind past this replaces the oldest, in its cedar-wasm slot. */
const SETS_PER_ACTION = 64;

/** The policies of an engine that decide (or, LOG_ONLY, are evaluated) at `now`. */
export function livePolicies(policies: Policy[], now: number): LivePolicy[] {
  const live: LivePolicy[] = [];
  for (const policy of policies) {
    const status = statusOf(POLICY_STATUSES, policy.life, now);
    if (status === 'CREATING' || status === 'CREATE_FAILED') continue;
    const attrs = status === 'UPDATING' ? (policy.previous ?? policy.attrs) : policy.attrs;
    const statement = (attrs.definition.cedar as { statement?: unknown } | undefined)?.statement;
    if (typeof statement !== 'string') continue;
    const shape = readPolicyShape(statement);
    const logOnly = attrs.enforcementMode === 'LOG_ONLY';
    live.push({ id: policy.id, statement, logOnly, effect: shape?.effect, action: shape?.action, guards: principalGuards(statement) });
  }
  return live;
}

export class PreparedEngine {
  private readonly byAction = new Map<string, ActionPolicies>();

  /** `slot` names this engine's cedar-wasm cache entries; a later version of the engine reuses them. */
  constructor(
    readonly engineArn: string,
    private readonly policies: LivePolicy[],
    private readonly schema: Record<string, unknown>,
    private readonly slot: string,
  ) {}

  forAction(action: string, principal: Principal): Prepared {
    const sets = this.actionPolicies(action);
    const signature = signatureOf(sets, principal);
    let entry = sets.prepared.get(signature);
    if (!entry) {
      let slot = sets.prepared.size;
      if (slot >= SETS_PER_ACTION) {
        const [oldest, held] = sets.prepared.entries().next().value!;
        sets.prepared.delete(oldest);
        slot = held.slot;
      }
      entry = { prepared: this.prepare(`${this.slot}:${action}:${slot}`, applicable(sets, principal)), slot };
      sets.prepared.set(signature, entry);
    }
    return entry.prepared;
  }

  /** Whether any input could get this principal allowed to call the action: false only when the ACTIVE policies
   * deny it whatever the input. */
  mayBeAllowed(request: Omit<AuthorizationRequest, 'input'>): boolean {
    const active = applicable(this.actionPolicies(request.action), request.principal).filter((p) => !p.logOnly);
    // A set Cedar cannot evaluate fails every call with a clear error; listing the tool lets the caller see it.
    return mayBeAllowed(texts(active), request) !== false;
  }

  private actionPolicies(action: string): ActionPolicies {
    let sets = this.byAction.get(action);
    if (!sets) {
      const policies = this.policies.filter((p) => mayApplyToAction(p.action, action));
      const keys = new Map<string, Set<string>>();
      for (const guard of policies.flatMap((p) => p.guards)) {
        const values = keys.get(guard.key) ?? new Set<string>();
        if (guard.kind === 'equals') values.add(guard.value);
        keys.set(guard.key, values);
      }
      sets = { policies, guardKeys: [...keys].sort(([a], [b]) => (a < b ? -1 : 1)), prepared: new Map() };
      this.byAction.set(action, sets);
    }
    return sets;
  }

  private prepare(slot: string, policies: LivePolicy[]): Prepared {
    const active = createAuthorizer(`${slot}:active`, texts(policies.filter((p) => !p.logOnly)), this.schema);
    if (typeof active !== 'function') return active;
    const prepared: ActionAuthorizers = { active };
    for (const effect of ['permit', 'forbid'] as const) {
      const logOnly = policies.filter((p) => p.logOnly && p.effect === effect);
      if (logOnly.length === 0) continue;
      const authorizer = createAuthorizer(`${slot}:log-only-${effect}`, texts(logOnly), this.schema);
      if (typeof authorizer !== 'function') return authorizer;
      if (effect === 'permit') prepared.logOnlyPermits = authorizer;
      else prepared.logOnlyForbids = authorizer;
    }
    return prepared;
  }
}

const tagsOf = (principal: Principal) => (principal.type === 'OAuthUser' ? principal.tags : undefined);

function applicable(sets: ActionPolicies, principal: Principal): LivePolicy[] {
  const tags = tagsOf(principal);
  return sets.policies.filter((p) => !guardsExclude(p.guards, tags));
}

/** What the guards can tell apart of a principal: per guarded key, absent, one of the values compared, or other. */
function signatureOf(sets: ActionPolicies, principal: Principal): string {
  const tags = tagsOf(principal);
  const seen = sets.guardKeys.map(([key, values]) => {
    const value = tags !== undefined && Object.hasOwn(tags, key) ? tags[key]! : undefined;
    return value === undefined ? 0 : values.has(value) ? value : 1;
  });
  return JSON.stringify(seen);
}

function texts(policies: LivePolicy[]): Record<string, string> {
  return Object.fromEntries(policies.map((p) => [p.id, p.statement]));
}
