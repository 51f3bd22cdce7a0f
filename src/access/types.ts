// The access analysis's public vocabulary: the policies and gateways it reads, the requests it shows as witnesses,
// and its verdict per (gateway, action).
import type { AccessPolicy, AccessRequest, AuthorizerType, InputSchema } from '../model.js';

// The verdict vocabulary is the plan's too (its JSON carries it), so it lives in model.ts.
export type { AccessPolicy, AccessRequest, AccessVerdict, ActionAccess, IntermediateCheck, IntermediateViolation } from '../model.js';

/** A gateway attached to the engine (model.ts `GatewaySpec` fits). */
export interface AccessGateway {
  arn: string;
  authorizerType: AuthorizerType;
  targets: { name: string; tools: { name: string; inputSchema: InputSchema }[] }[];
}


export type FindingKind = 'ALLOW_ALL' | 'DENY_ALL' | 'ALLOW_NONE' | 'DENY_NONE';

/** A finding as the service's `FAIL_ON_ANY_FINDINGS` validation makes it, with the actions it holds on. */
export interface PolicyFinding {
  kind: FindingKind;
  policy: string;
  actions: { gateway: string; action: string }[];
  message: string;
}
