// The policy sets an engine plan moves between, as the access analysis reads them: the policies that decide now
// (live, neither LOG_ONLY nor failed), those that will decide once the plan is applied (the temporary forbid copies
// left out: they are gone by then), and the state after each phase of the apply order, in between.
import type { AccessPolicy, LiveDefinition } from '../model.js';
import { effectiveBefore } from './access.js';
import { phasesOf, type Step } from './phases.js';
import type { EnginePlan, PolicyBefore, PolicyChange } from './types.js';

export interface AccessSets {
  before: AccessPolicy[];
  after: AccessPolicy[];
}

/** A live policy that decides: an active one whose creation did not fail (one that cannot be read may decide). */
function deciding(before: PolicyBefore | undefined): before is PolicyBefore & { statement: string } {
  return before?.statement !== undefined && effectiveBefore(before) !== 'none';
}

export function accessSets(plan: Pick<EnginePlan, 'changes'>): AccessSets {
  const policies = plan.changes.filter((c): c is PolicyChange => c.kind === 'policy');
  const before = policies.flatMap((c) => (deciding(c.before) ? [accessPolicy(c.before.name, c.before.statement, true, c.before.definition)] : []));
  return { before, after: policies.flatMap(finalPolicy) };
}

function finalPolicy(change: PolicyChange): AccessPolicy[] {
  if (change.shadowOf || change.action === 'delete') return [];
  const after = change.after;
  if (after) return [accessPolicy(after.name, after.statement, after.enforcementMode === 'ACTIVE', after.definition)];
  return deciding(change.before) ? [accessPolicy(change.before.name, change.before.statement, true, change.before.definition)] : [];
}

/** A policy as the analysis reads it; one that is not Cedar is unreadable to it, whatever its text. */
function accessPolicy(id: string, statement: string, active: boolean, definition: LiveDefinition | undefined): AccessPolicy {
  return { id, statement, active, ...(definition !== undefined && { unreadable: true as const }) };
}

/** The policy set after each phase of the apply but the last (after the last, it is `after`). */
export function intermediateSets(plan: Pick<EnginePlan, 'changes'>, sets: AccessSets = accessSets(plan)): AccessPolicy[][] {
  const state = new Map(sets.before.map((p) => [p.id, p]));
  const phases = phasesOf(plan).filter((phase) => phase.steps.some(isPolicyStep));
  return phases.slice(0, -1).map((phase) => {
    for (const step of phase.steps) apply(state, step);
    return [...state.values()];
  });
}

const isPolicyStep = (step: Step) => step.type === 'create-policy' || step.type === 'update-policy' || step.type === 'delete-policy';

function apply(state: Map<string, AccessPolicy>, step: Step): void {
  if (step.type === 'delete-policy') state.delete(step.name);
  if (step.type === 'create-policy') state.set(step.name, accessPolicy(step.name, step.policy.statement, step.policy.enforcementMode === 'ACTIVE', step.policy.definition));
  if (step.type === 'update-policy') {
    const kept = step.keepStatement ? state.get(step.name) : undefined;
    const definition = kept ? (kept.unreadable ? 'policy' : undefined) : step.policy.definition;
    state.set(step.name, accessPolicy(step.name, kept?.statement ?? step.policy.statement, step.policy.enforcementMode === 'ACTIVE', definition));
  }
}
