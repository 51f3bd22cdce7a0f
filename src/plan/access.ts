// What a policy change does to access. Cedar denies by default and a forbid always wins, so only an active permit
// grants and only an active forbid takes away; a LOG_ONLY policy or one that never got created does neither.
// Both the widening flag and apply's phase order are read from here, so they cannot disagree.
import type { Effect, PolicyAfter, PolicyBefore, PolicyChange } from './types.js';

/** The effect a policy has on decisions: `unknown` when its live statement cannot be read. */
export type Effective = Effect | 'none' | 'unknown';

export function effectiveBefore(before: PolicyBefore | undefined): Effective {
  if (!before || before.status === 'CREATE_FAILED' || before.enforcementMode === 'LOG_ONLY') return 'none';
  return before.effect ?? 'unknown';
}

export function effectiveAfter(after: PolicyAfter | undefined): Effective {
  if (!after || after.enforcementMode === 'LOG_ONLY') return 'none';
  return after.effect;
}

/** Adds or changes an active permit, or removes or changes an active forbid (an unreadable live policy may be a
 * forbid, so touching it counts as widening). */
export function widens(before: Effective, after: Effective, statementChanged: boolean): boolean {
  if (before === 'unknown') return true;
  if (after === 'permit' && (before !== 'permit' || statementChanged)) return true;
  return before === 'forbid' && (after !== 'forbid' || statementChanged);
}

/** The widening flag of a policy change, from its before and after. */
export function policyWidens(change: Pick<PolicyChange, 'action' | 'before' | 'after' | 'fields'>): boolean {
  if (change.action === 'no-op') return false;
  const statementChanged =
    change.action === 'update' ? change.fields.includes('statement') : change.before?.statement !== change.after?.statement;
  return widens(effectiveBefore(change.before), effectiveAfter(change.after), statementChanged);
}
