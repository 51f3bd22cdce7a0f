// The access analysis's public vocabulary: the policies and gateways it reads, the requests it shows as witnesses,
// and its verdict per (gateway, action).
import type { AuthorizerType, InputSchema } from '../model.js';

/** One policy as an engine holds it: `statement` is Cedar text with variables filled; an inactive policy (LOG_ONLY,
 * or not live) decides nothing. */
export interface AccessPolicy {
  id: string;
  statement: string;
  active: boolean;
}

/** A gateway attached to the engine (model.ts `GatewaySpec` fits). */
export interface AccessGateway {
  arn: string;
  authorizerType: AuthorizerType;
  targets: { name: string; tools: { name: string; inputSchema: InputSchema }[] }[];
}

/** A tool call as the gateway puts it to Cedar: who calls (JWT claims as tags for an OAuthUser) and the arguments. */
export interface AccessRequest {
  principal: { type: 'OAuthUser' | 'IamEntity'; id: string; tags?: Record<string, string> };
  input: Record<string, unknown>;
}

export type AccessVerdict = 'equivalent' | 'widens' | 'narrows' | 'both' | 'unknown';

/** What a change of policy set does to one tool on one gateway. Witnesses are checked with Cedar's authorizer
 * against both sets; `reason` says why the verdict is `unknown`. */
export interface ActionAccess {
  gateway: string;
  action: string;
  verdict: AccessVerdict;
  newlyAllowed: AccessRequest[];
  newlyDenied: AccessRequest[];
  reason?: string;
}

export type FindingKind = 'ALLOW_ALL' | 'DENY_ALL' | 'ALLOW_NONE' | 'DENY_NONE';

/** A finding as the service's `FAIL_ON_ANY_FINDINGS` validation makes it, with the actions it holds on. */
export interface PolicyFinding {
  kind: FindingKind;
  policy: string;
  actions: { gateway: string; action: string }[];
  message: string;
}

export interface IntermediateViolation {
  state: number;
  gateway: string;
  action: string;
  request: AccessRequest;
}

export interface IntermediateCheck {
  /** How many intermediate states were checked. */
  checked: number;
  /** Requests an intermediate state allows that both the old and the new set deny, each checked with Cedar. */
  violations: IntermediateViolation[];
  /** States the analysis could not clear, with why: treat them as failing. */
  unknown: { state: number; gateway: string; action: string; reason: string }[];
}
