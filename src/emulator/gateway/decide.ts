// One tool call decided as AgentCore's policy engine does: the ACTIVE policies give the decision (default deny,
// forbid wins) and its determining policies; LOG_ONLY policies are evaluated beside them and only reported: the
// ones whose conditions held, and those that would have flipped the decision had they been ACTIVE.
import type { AuthorizationRequest } from '../../cedar/authorize.js';
import type { ActionAuthorizers } from './policy-set.js';

export interface PolicyDecision {
  decision: 'ALLOW' | 'DENY';
  determiningPolicies: string[];
  /** The words of the service's messages, e.g. `Policy evaluation denied due to P` */
  reason: string;
  /** Policies that failed to evaluate (Cedar skips them), e.g. a getTag of a tag the principal lacks. */
  errors: { policy: string; message: string }[];
  logOnlyMatchedPolicies: string[];
  logOnlyDecisionFlippingPolicies: string[];
}

export type DecisionResult = { ok: true; decision: PolicyDecision } | { ok: false; message: string };

export const DEFAULT_DENY_REASON = 'No policy applies to the request (denied by default)';

export function decide(authorizers: ActionAuthorizers, request: AuthorizationRequest): DecisionResult {
  const active = authorizers.active(request);
  if (!active.ok) return { ok: false, message: active.issues.map((i) => i.message).join('; ') };
  const permits = matched(authorizers.logOnlyPermits, request);
  const forbids = matched(authorizers.logOnlyForbids, request);
  if (typeof permits === 'string') return { ok: false, message: permits };
  if (typeof forbids === 'string') return { ok: false, message: forbids };
  const allowed = active.decision === 'allow';
  // Had the LOG_ONLY policies been ACTIVE: a held forbid denies an allowed call; a held permit allows a call denied
  // by default (a call denied by a forbid stays denied whatever else holds).
  const flipping = allowed ? forbids : active.reasons.length === 0 && forbids.length === 0 ? permits : [];
  return {
    ok: true,
    decision: {
      decision: allowed ? 'ALLOW' : 'DENY',
      determiningPolicies: active.reasons,
      reason: reasonOf(allowed, active.reasons),
      errors: active.errors,
      logOnlyMatchedPolicies: [...permits, ...forbids].sort(),
      logOnlyDecisionFlippingPolicies: flipping,
    },
  };
}

/** The LOG_ONLY policies of one effect whose conditions hold: alone in their set, every one that holds is a reason
 * for the set's decision. */
function matched(authorizer: ActionAuthorizers['active'] | undefined, request: AuthorizationRequest): string[] | string {
  if (!authorizer) return [];
  const answer = authorizer(request);
  return answer.ok ? answer.reasons : answer.issues.map((i) => i.message).join('; ');
}

function reasonOf(allowed: boolean, determining: string[]): string {
  if (determining.length === 0) return allowed ? 'Policy evaluation allowed' : DEFAULT_DENY_REASON;
  return `Policy evaluation ${allowed ? 'allowed' : 'denied'} due to ${determining.join(', ')}`;
}

/** The JSON-RPC error message of a denied call, as the gateway words it. */
export function denialMessage(decision: PolicyDecision): string {
  return `Tool Execution Denied: Tool call not allowed due to policy enforcement [${decision.reason}]`;
}
