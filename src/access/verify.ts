// Cedar's own authorizer as the judge of every witness: each side's policies are prepared once per shape and a
// witness is shown only when Cedar decides it as the analysis says.
import { createAuthorizer, type Authorizer } from '../cedar/authorize.js';
import type { Decision } from './search.js';
import type { RequestShape } from './shape.js';
import type { AccessPolicy, AccessRequest } from './types.js';

export type Oracle = (request: AccessRequest) => (Decision | undefined)[];

const DENY_ALL: Authorizer = () => ({ ok: true, decision: 'deny', reasons: [], errors: [] });

/** Decisions of Cedar for each side (undefined when Cedar refuses the request or the policies), with the schema
 * AgentCore generates for the engine (src/cedar/schema.ts). Slots are reused, so an oracle is good until the next
 * one is made. */
export function oracleFor(shape: RequestShape, sides: AccessPolicy[][], schema: Record<string, unknown>): Oracle {
  const authorizers = sides.map((policies, i) => {
    // No policy: Cedar denies by default, no need to ask it (another side checks the request against the schema).
    if (policies.length === 0) return DENY_ALL;
    const authorizer = createAuthorizer(`access-${i}`, policies.map((p) => p.statement).join('\n'), schema);
    return typeof authorizer === 'function' ? authorizer : undefined;
  });
  return (request) => authorizers.map((authorize: Authorizer | undefined) => {
    if (!authorize) return undefined;
    const answer = authorize({ principal: { ...request.principal, tags: request.principal.tags ?? {} }, action: shape.action, resource: shape.gateway.arn, input: request.input });
    return answer.ok ? answer.decision : undefined;
  });
}
