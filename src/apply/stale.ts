// A saved plan is only safe to apply while the service still holds what the plan saw (there is no state file, and
// the apply lock only keeps other applies out from the moment it is taken). This compares the plan's fingerprint
// with the live state read, under the lock, just before applying and, when they differ, says which objects moved,
// as Terraform refuses a stale saved plan.
import type { Diagnostic, LiveState } from '../model.js';
import { canonicalJson } from '../plan/digest.js';
import { explainLiveChange, fingerprintLive } from '../plan/fingerprint.js';
import { phasesOf } from '../plan/phases.js';
import type { EnginePlan } from '../plan/types.js';

export function staleDiagnostic(plan: EnginePlan, live: LiveState): Diagnostic | undefined {
  if (fingerprintLive(live) === plan.fingerprint) return undefined;
  const moved = explainLiveChange(plan.live, live);
  const what = moved.length > 0 ? moved.join('; ') : 'the live state no longer matches the fingerprint recorded in the plan';
  return {
    severity: 'error',
    code: 'apply/stale-plan',
    message: `engine ${plan.engine}: the plan is stale, the live engine changed since it was made: ${what}. Nothing was applied; plan again.`,
    file: plan.file,
  };
}

/** Whether two plans would make exactly the same calls in the same order (however the keys of a plan read from a
 * file are ordered). A plan made moments ago that went stale only because, say, a policy finished CREATING still
 * does what was approved, so it may go ahead. */
export function sameSteps(a: EnginePlan, b: EnginePlan): boolean {
  const steps = (plan: EnginePlan) => canonicalJson(phasesOf(plan).map((phase) => [phase.name, phase.steps]));
  return steps(a) === steps(b);
}
