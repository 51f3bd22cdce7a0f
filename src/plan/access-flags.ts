// An engine plan with the access analysis's answers: the tools whose access changes (with witnesses), each policy
// change's flag made semantic (it widens when a tool it touches widens; where the analysis cannot decide, the
// syntactic flag of access.ts stands), and the check of the states the apply passes through.
import type { ActionAccess, Diagnostic, IntermediateCheck } from '../model.js';
import { sealEngine } from './digest.js';
import type { EnginePlan, EngineSection, PolicyChange } from './types.js';

/** The (gateway, action) pairs a policy change touches; undefined when its statements cannot be read. */
export type Touched = (change: PolicyChange) => { gateway: string; action: string }[] | undefined;

const key = (gateway: string, action: string) => `${gateway}\u0000${action}`;
const widening = (a: ActionAccess) => a.verdict === 'widens' || a.verdict === 'both';

/** Each (gateway, action) once, in the order first met. */
export function distinctActions(actions: { gateway: string; action: string }[]): { gateway: string; action: string }[] {
  return [...new Map(actions.map((a) => [key(a.gateway, a.action), a])).values()];
}

/** Whether a change touching these tools widens access: it does when one of them widens; undefined when one of them
 * is `unknown` and none widens (then the caller's syntactic flag stands). */
export function touchesWiden(touches: { gateway: string; action: string }[], verdicts: ActionAccess[]): boolean | undefined {
  const byAction = new Map(verdicts.map((v) => [key(v.gateway, v.action), v]));
  const found = touches.map((a) => byAction.get(key(a.gateway, a.action))).filter((v): v is ActionAccess => v !== undefined);
  if (found.some(widening)) return true;
  return found.some((v) => v.verdict === 'unknown') ? undefined : false;
}

export function withAccess(plan: EngineSection, verdicts: ActionAccess[], touched: Touched, intermediate?: IntermediateCheck): EnginePlan {
  const changes = plan.changes.map((change) => {
    if (change.kind !== 'policy' || change.action === 'no-op') return change;
    const actions = touched(change);
    if (!actions) return change;
    const touches = distinctActions(actions);
    return { ...change, touches, widensAccess: touchesWiden(touches, verdicts) ?? change.widensAccess };
  });
  const problems = intermediate ? intermediateDiagnostics(plan, intermediate) : { errors: [], warnings: [] };
  // Sealed now (again, when it was): what the analysis adds is part of the section a saved plan's digest covers.
  return sealEngine({
    ...plan,
    changes,
    access: verdicts.filter((v) => v.verdict !== 'equivalent'),
    ...(intermediate && { intermediate }),
    errors: [...plan.errors, ...problems.errors],
    warnings: [...plan.warnings, ...problems.warnings],
  });
}

function intermediateDiagnostics(plan: EngineSection, check: IntermediateCheck): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const at = { file: plan.file, engine: plan.engine };
  const errors: Diagnostic[] = check.violations.slice(0, 3).map((v) => ({
    severity: 'error',
    code: 'plan/intermediate-widening',
    message: `between phases ${v.state + 1} and ${v.state + 2} of the apply, ${v.action} on ${v.gateway} would allow a request that neither the live nor the new policies allow; this plan is refused (please report it)`,
    ...at,
  }));
  const warnings: Diagnostic[] =
    check.unknown.length > 0
      ? [{ severity: 'warning', code: 'plan/intermediate-unchecked', message: `${check.unknown.length} of the apply's intermediate states could not be checked (${check.unknown[0]!.reason}); the apply order's own argument still holds (docs/plan-format.md)`, ...at }]
      : [];
  return { errors, warnings };
}
