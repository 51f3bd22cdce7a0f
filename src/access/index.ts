// The access analysis, the folder's public face: what a change of policy set does to who may call which tool
// (diffAccess), the service's findings on one policy (policyFindings), and whether the states an apply passes
// through allow anything both ends deny (checkIntermediateStates). See docs/access-analysis.md.
import { compareShape } from './diff.js';
import { Analysis } from './policies.js';
import type { AccessGateway, AccessPolicy, ActionAccess } from './types.js';

export type * from './types.js';
export { policyFindings } from './findings.js';
export { checkIntermediateStates } from './intermediate.js';

/** Every (gateway, action) of the gateways, equivalent ones included, sorted by gateway then action. */
export function diffAccess(gateways: AccessGateway[], before: AccessPolicy[], after: AccessPolicy[]): ActionAccess[] {
  const analysis = new Analysis(gateways);
  return analysis.shapes.map((shape) => compareShape(analysis, shape, before, after));
}
