// A saved plan is applied only if it is exactly what planning the repository gives now, against the live state read
// under the engine's lock: made for this very engine (its id), against the live state as it still is (stale.ts),
// from the desired state the repository gives now, with the same steps. What executes is then the plan made now,
// never the file's statements or ids: the file only has to agree with it. Each refusal says which of these failed
// and what differs, so "the live engine moved", "the repository moved" and "this is another engine" read apart.
import type { Diagnostic, LiveState } from '../model.js';
import { canonicalJson } from '../plan/digest.js';
import type { Change, EnginePlan } from '../plan/types.js';
import { sameSteps, staleDiagnostic } from './stale.js';

/** Why the saved plan of one engine must not be applied; empty when `again` (planned now) may run in its place. */
export function savedPlanRefusal(saved: EnginePlan, live: LiveState, again: EnginePlan): Diagnostic[] {
  const refuse = (code: Diagnostic['code'], message: string): Diagnostic[] => [{ severity: 'error', code, message, file: saved.file, engine: saved.engine }];
  const id = live.engine?.policyEngineId;
  if (saved.policyEngineId !== undefined && id !== undefined && id !== saved.policyEngineId) {
    return refuse(
      'apply/plan-other-engine',
      `the plan was made for the engine with id ${saved.policyEngineId}, but the engine of this name here is ${id} (created again, or another account or region): ` +
        'a plan applies only to the engine it was made against. Nothing was applied; plan again.',
    );
  }
  const stale = staleDiagnostic(saved, live);
  if (stale) return [stale];
  if (saved.desired !== again.desired) {
    return refuse(
      'apply/repository-changed',
      `the repository no longer gives this plan: its desired state differs from the one the plan was made from (${planDifferences(saved, again)}). ` +
        'Was the plan made from another commit or another repository? Nothing was applied; plan again and review that plan.',
    );
  }
  if (!sameSteps(saved, again)) {
    return refuse(
      'apply/repository-changed',
      `planning the repository now gives other steps than the plan file (${planDifferences(saved, again)}), although the repository and the live engine are as the plan saw them: ` +
        'was the plan file edited, or made by another version of agentcore-policy? Nothing was applied; plan again.',
    );
  }
  if (again.errors.length > 0) {
    return [...again.errors, ...refuse('apply/plan-has-errors', 'planning the repository again gives errors, so the plan cannot be applied; fix them and plan again')];
  }
  return [];
}

/** At most this many differences are named; the rest are counted. */
const NAMED = 5;

/** What differs between the changes of the plan file and of the plan made now, one phrase per change. */
export function planDifferences(saved: EnginePlan, again: EnginePlan): string {
  const key = (c: Change) => `${c.kind} ${c.name}`;
  const before = new Map(saved.changes.map((c) => [key(c), c]));
  const now = new Map(again.changes.map((c) => [key(c), c]));
  const phrases: string[] = [];
  for (const [name, change] of before) {
    const other = now.get(name);
    if (!other) phrases.push(`${name}: only the plan file has it (${change.action})`);
    else if (canonicalJson(change) !== canonicalJson(other)) phrases.push(`${name}: ${howDiffers(change, other)}`);
  }
  for (const [name, change] of now) if (!before.has(name)) phrases.push(`${name}: only the plan made now has it (${change.action})`);
  if (phrases.length === 0) return 'the engine file: region, endpoint, groups or prune';
  const more = phrases.length > NAMED ? `; and ${phrases.length - NAMED} more` : '';
  return `${phrases.slice(0, NAMED).join('; ')}${more}`;
}

const VERB: Record<Change['action'], string> = { create: 'create', update: 'update', delete: 'delete', replace: 'replace', 'no-op': 'leave' };

function howDiffers(file: Change, now: Change): string {
  if (file.action !== now.action) return `the plan file would ${VERB[file.action]} it, the plan made now would ${VERB[now.action]} it`;
  const fields = differingFields(file.after, now.after);
  if (fields.length > 0) return `what the plan file sends differs in ${fields.join(', ')}`;
  if (canonicalJson(file.before) !== canonicalJson(now.before)) return 'the live side differs';
  return 'its details differ';
}

function differingFields(a: object | undefined, b: object | undefined): string[] {
  const left = (a ?? {}) as Record<string, unknown>;
  const right = (b ?? {}) as Record<string, unknown>;
  return [...new Set([...Object.keys(left), ...Object.keys(right)])].filter((k) => canonicalJson(left[k]) !== canonicalJson(right[k])).sort();
}
