// Cedar's own authorizer as the judge of every witness: each side's policies are prepared once per shape and a
// witness is shown only when Cedar decides it as the analysis says.
import { createAuthorizer, type Authorizer } from '../cedar/authorize.js';
import { buildCedarSchema } from '../cedar/schema.js';
import type { Decision } from './search.js';
import type { RequestShape } from './shape.js';
import type { AccessPolicy, AccessRequest } from './types.js';

export type Oracle = (request: AccessRequest) => (Decision | undefined)[];

/** Decisions of Cedar for each side (undefined when Cedar refuses the request or the policies). Slots are reused,
 * so an oracle is good until the next one is made. */
export function oracleFor(shape: RequestShape, sides: AccessPolicy[][]): Oracle {
  const schema = buildCedarSchema([shape.gateway]);
  const authorizers = sides.map((policies, i) => {
    const authorizer = createAuthorizer(`access-${i}`, Object.fromEntries(policies.map((p, j) => [`p${j}`, p.statement])), schema);
    return typeof authorizer === 'function' ? authorizer : undefined;
  });
  return (request) => authorizers.map((authorize: Authorizer | undefined) => {
    if (!authorize) return undefined;
    const answer = authorize({ principal: { ...request.principal, tags: request.principal.tags ?? {} }, action: shape.action, resource: shape.gateway.arn, input: request.input });
    return answer.ok ? answer.decision : undefined;
  });
}
