// Decision records: one per policy decision of a gateway, in the shape of AgentCore's gateway application-log
// records (`event_timestamp`, `request_id`, `resource_arn`, `body.policy`); decision-log.ts keeps them. Beyond what
// AWS logs: the LOG_ONLY policies that matched and those that would have flipped the decision (AWS reports these
// in traces and metrics), the gateway's attachment mode, and under `body.local` the principal's tags (AWS logs
// carry no token claims). The bearer token is never part of a record.
//
// Guesses: `event_timestamp` in epoch milliseconds, as CloudWatch vended logs write it; `determiningPolicies` as
// policy ids; `isError` true for a call the decision denied (not for one a LOG_ONLY gateway let through).
import { NAMESPACE } from '../../cedar/schema.js';
import type { Principal } from './authenticate.js';
import type { PolicyDecision } from './decide.js';

export interface DecisionRecord {
  event_timestamp: number;
  /** The id of the HTTP request that made the call (the answer's `x-amzn-requestid`). */
  request_id: string;
  resource_arn: string;
  body: {
    log: 'Policy evaluation completed' | 'Policy evaluation denied request';
    isError: boolean;
    /** The JSON-RPC `tools/call` request as received. */
    requestBody: unknown;
    policy: {
      decision: 'ALLOW' | 'DENY';
      policyEngineArn: string;
      determiningPolicies: string[];
      latencyMs: number;
      principal: { entityType: string; entityId: string };
      reason: string;
      /** The gateway's attachment: LOG_ONLY means the call went ahead whatever the decision. */
      mode: 'ENFORCE' | 'LOG_ONLY';
      logOnlyMatchedPolicies: string[];
      logOnlyDecisionFlippingPolicies: string[];
      /** Policies Cedar skipped because they failed to evaluate. */
      errors: { policy: string; message: string }[];
    };
    local: { principalTags: Record<string, string> };
  };
}

export interface DecisionFacts {
  /** The HTTP request's id, which the answer carries as `x-amzn-requestid`. */
  requestId: string;
  gatewayArn: string;
  policyEngineArn: string;
  mode: 'ENFORCE' | 'LOG_ONLY';
  principal: Principal;
  requestBody: unknown;
  decision: PolicyDecision;
  latencyMs: number;
  now: number;
}

export function decisionRecord(facts: DecisionFacts): DecisionRecord {
  const { decision, principal } = facts;
  const denied = decision.decision === 'DENY' && facts.mode === 'ENFORCE';
  return {
    event_timestamp: facts.now,
    request_id: facts.requestId,
    resource_arn: facts.gatewayArn,
    body: {
      log: denied ? 'Policy evaluation denied request' : 'Policy evaluation completed',
      isError: denied,
      requestBody: facts.requestBody,
      policy: {
        decision: decision.decision,
        policyEngineArn: facts.policyEngineArn,
        determiningPolicies: decision.determiningPolicies,
        latencyMs: facts.latencyMs,
        principal: { entityType: `${NAMESPACE}::${principal.type}`, entityId: principal.id },
        reason: decision.reason,
        mode: facts.mode,
        logOnlyMatchedPolicies: decision.logOnlyMatchedPolicies,
        logOnlyDecisionFlippingPolicies: decision.logOnlyDecisionFlippingPolicies,
        errors: decision.errors,
      },
      local: { principalTags: principal.tags },
    },
  };
}
