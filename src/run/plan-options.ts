// How every composer reads statements when it plans: Cedar's normal form (the formatter), and the access
// analysis's judgement of two statements that differ only in comments and layout. One definition, so a plan made
// for `plan`, made again under apply's lock, or made for an emergency switch compares statements alike.
import { sameStatement } from '../access/index.js';
import type { DesiredEngine, EngineSpec, LiveState, Repository } from '../model.js';
import { sentStatements } from '../plan/policy-states.js';
import type { PlanOptions } from '../plan/types.js';
import { resolveDesired } from '../repository/desired.js';
import { normalForms, normalizeStatement } from '../repository/normal-forms.js';

export const PLAN_OPTIONS: PlanOptions = { normalize: normalizeStatement, sameMeaning: sameStatement };

/** The desired state and options for planning engines against what was read of them: each statement formatted
 * once (desired and live alike, src/repository/normal-forms.ts), and the live statements an apply sent, which are in
 * normal form already, not formatted at all, so an engine that matches the repository costs no formatting. */
export function planInputs(repository: Repository, engine: EngineSpec, live: LiveState): { desired: DesiredEngine; options: PlanOptions } {
  const forms = normalForms();
  for (const statement of sentStatements(live.policies)) forms.trust(statement);
  return { desired: resolveDesired(repository, engine, forms.normalize), options: { ...PLAN_OPTIONS, normalize: forms.normalize } };
}
