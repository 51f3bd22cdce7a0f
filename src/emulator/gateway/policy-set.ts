// An engine's live policies, prepared for Cedar once per version of the engine (see snapshot.ts) and per tool
// action on first use, exactly as `agentcore-policy test` prepares them: Cedar's authorizer over the policies
// whose scope can match the action, with the Cedar schema of the engine's attached gateways, and policy ids as
// Cedar's policy ids. ACTIVE policies decide; LOG_ONLY permits and forbids are prepared apart, so each request can
// say which of them matched.
//
// Which definition is live (guesses): a policy still CREATING, or CREATE_FAILED, decides nothing; one UPDATING
// decides with the definition it will end with (the previous one when the update is going to fail); one DELETING
// or DELETE_FAILED still decides. Definitions other than Cedar (`policy`, with guardrails) are left out: the local
// engine cannot evaluate them.
import { mayApplyToAction } from '../../cedar/action-scope.js';
import { createAuthorizer, mayBeAllowed, type AuthorizationRequest, type Authorizer } from '../../cedar/authorize.js';
import { readPolicyShape, type ScopeElement } from '../../cedar/tokens.js';
import { POLICY_STATUSES, statusOf } from '../lifecycle.js';
import type { Policy } from '../store.js';

export interface LivePolicy {
  id: string;
  statement: string;
  logOnly: boolean;
  effect: 'permit' | 'forbid' | undefined;
  action: ScopeElement | undefined;
}

export interface ActionAuthorizers {
  active: Authorizer;
  /** Undefined when the engine has no such LOG_ONLY policy for the action. */
  logOnlyPermits?: Authorizer;
  logOnlyForbids?: Authorizer;
}

type Prepared = ActionAuthorizers | { issues: { message: string }[] };

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
    live.push({ id: policy.id, statement, logOnly: attrs.enforcementMode === 'LOG_ONLY', effect: shape?.effect, action: shape?.action });
  }
  return live;
}

export class PreparedEngine {
  private readonly byAction = new Map<string, Prepared>();

  /** `slot` names this engine's cedar-wasm cache entries; a later version of the engine reuses them. */
  constructor(
    readonly engineArn: string,
    private readonly policies: LivePolicy[],
    private readonly schema: Record<string, unknown>,
    private readonly slot: string,
  ) {}

  forAction(action: string): Prepared {
    let prepared = this.byAction.get(action);
    if (!prepared) {
      prepared = this.prepare(action);
      this.byAction.set(action, prepared);
    }
    return prepared;
  }

  /** Whether any input could get this principal allowed to call the action: false only when the ACTIVE policies
   * deny it whatever the input. */
  mayBeAllowed(request: Omit<AuthorizationRequest, 'input'>): boolean {
    // A set Cedar cannot evaluate fails every call with a clear error; listing the tool lets the caller see it.
    return mayBeAllowed(this.texts(request.action, (p) => !p.logOnly), request) !== false;
  }

  private prepare(action: string): Prepared {
    const slot = `${this.slot}:${action}`;
    const active = createAuthorizer(`${slot}:active`, this.texts(action, (p) => !p.logOnly), this.schema);
    if (typeof active !== 'function') return active;
    const prepared: ActionAuthorizers = { active };
    for (const effect of ['permit', 'forbid'] as const) {
      const texts = this.texts(action, (p) => p.logOnly && p.effect === effect);
      if (Object.keys(texts).length === 0) continue;
      const authorizer = createAuthorizer(`${slot}:log-only-${effect}`, texts, this.schema);
      if (typeof authorizer !== 'function') return authorizer;
      if (effect === 'permit') prepared.logOnlyPermits = authorizer;
      else prepared.logOnlyForbids = authorizer;
    }
    return prepared;
  }

  private texts(action: string, keep: (p: LivePolicy) => boolean): Record<string, string> {
    return Object.fromEntries(this.policies.filter((p) => keep(p) && mayApplyToAction(p.action, action)).map((p) => [p.id, p.statement]));
  }
}
