// The access analysis, the folder's public face: what a change of policy set does to who may call which tool
// (diffAccess), the service's findings on one policy (policyFindings), whether the states an apply passes through
// allow anything both ends deny (checkIntermediateStates), and two helpers for reading a change: the tools a
// statement's scope covers, and whether two statements differ only in comments and layout. See
// docs/access-analysis.md.
import { compareShape, equivalentOn } from './diff.js';
import { Analysis, parseStatement, shapesChanged } from './policies.js';
import type { AccessGateway, AccessPolicy, ActionAccess } from './types.js';

export type * from './types.js';
export { policyFindings } from './findings.js';
export { checkIntermediateStates } from './intermediate.js';

/** Every (gateway, action) of the gateways, equivalent ones included, sorted by gateway then action. */
export function diffAccess(gateways: AccessGateway[], before: AccessPolicy[], after: AccessPolicy[]): ActionAccess[] {
  const analysis = new Analysis(gateways);
  const changed = shapesChanged(analysis, before, after);
  return analysis.shapes.map((shape) => (changed && !changed.has(shape) ? equivalentOn(shape) : compareShape(analysis, shape, before, after)));
}

/** The (gateway, action) pairs a statement's scope can match (its conditions aside), sorted; undefined when it
 * does not parse. A policy change touches these actions. */
export function coveredActions(gateways: AccessGateway[], statement: string): { gateway: string; action: string }[] | undefined {
  const parsed = parseStatement(statement);
  if ('error' in parsed) return undefined;
  const analysis = new Analysis(gateways);
  return analysis.shapes.filter((shape) => analysis.compile(parsed, shape).covers).map((shape) => ({ gateway: shape.gateway.arn, action: shape.action }));
}

/** Whether two statements are the same policy written differently: only comments, layout or redundant parentheses
 * differ (Cedar's JSON form is the same, annotations included). */
export function sameStatement(a: string, b: string): boolean {
  const [x, y] = [parseStatement(a), parseStatement(b)];
  return !('error' in x) && !('error' in y) && JSON.stringify(x.est) === JSON.stringify(y.est);
}
