// The access difference of one engine between two versions of the repository (`diff --base`), from what each
// version deploys to it: the tools whose access changes over the head's gateways, and the policies added, removed
// or edited by name, each with the tools it touches. No live state: the base's desired policies stand where a plan
// has the live ones. An engine the base does not have starts from no policy, so every permit is new access.
import { diffAccess, sameStatement } from '../access/index.js';
import type { AccessDiff, AccessPolicy, Diagnostic, DesiredEngine, DesiredPolicy, EngineAccessDiff, EngineSpec, PolicyDiff } from '../model.js';
import { touchesWiden } from '../plan/access-flags.js';
import { statementsTouch } from './access.js';

const accessPolicy = (policy: DesiredPolicy): AccessPolicy => ({ id: policy.spec.name, statement: policy.statement, active: policy.spec.enforcementMode === 'ACTIVE' });

/** `base` is the same engine as the base deploys it, or undefined when the base has no engine of this name. */
export function diffEngine(base: DesiredEngine | undefined, head: DesiredEngine): EngineAccessDiff {
  const gateways = head.engine.gateways;
  const before = (base?.policies ?? []).map(accessPolicy);
  const access = diffAccess(gateways, before, head.policies.map(accessPolicy)).filter((a) => a.verdict !== 'equivalent');
  const policies = comparePolicies(base?.policies ?? [], head.policies).map(({ diff, statements }) => {
    if (diff.change === 'text-only') return diff;
    const touches = statementsTouch(gateways, statements);
    if (!touches) return diff;
    const widens = touchesWiden(touches, access);
    return { ...diff, touches, ...(widens !== undefined && { widensAccess: widens }) };
  });
  return { engine: head.engine.name, file: head.engine.file, status: base ? 'kept' : 'new', access, policies };
}

/** An engine only the base declares: the tool never deletes an engine, so nothing about its access changes. */
export function removedEngine(engine: EngineSpec): EngineAccessDiff {
  return { engine: engine.name, file: engine.file, status: 'removed', access: [], policies: [] };
}

export function accessDiff(base: AccessDiff['base'], engines: EngineAccessDiff[], warnings: Diagnostic[]): AccessDiff {
  const verdicts = engines.flatMap((e) => e.access);
  return {
    base,
    engines,
    changesAccess: verdicts.length > 0,
    widensAccess: verdicts.some((a) => a.verdict === 'widens' || a.verdict === 'both'),
    warnings,
  };
}

interface Compared {
  diff: PolicyDiff;
  /** Its statements at the base and the head, for the tools it touches. */
  statements: string[];
}

/** The policies that differ between the two sides, by name, sorted by name. */
export function comparePolicies(base: DesiredPolicy[], head: DesiredPolicy[]): Compared[] {
  const before = new Map(base.map((p) => [p.spec.name, p]));
  const after = new Map(head.map((p) => [p.spec.name, p]));
  const names = [...new Set([...before.keys(), ...after.keys()])].sort();
  return names.flatMap((name) => {
    const compared = comparePolicy(name, before.get(name), after.get(name));
    return compared ? [compared] : [];
  });
}

function comparePolicy(name: string, base: DesiredPolicy | undefined, head: DesiredPolicy | undefined): Compared | undefined {
  if (!base) return { diff: { name, change: 'added' }, statements: [head!.statement] };
  if (!head) return { diff: { name, change: 'removed' }, statements: [base.statement] };
  const textChanged = base.statement !== head.statement;
  const fields: NonNullable<PolicyDiff['fields']> = [];
  if (textChanged && !sameStatement(base.statement, head.statement)) fields.push('statement');
  if (base.spec.enforcementMode !== head.spec.enforcementMode) fields.push('enforcementMode');
  const statements = [base.statement, head.statement];
  if (fields.length > 0) return { diff: { name, change: 'edited', fields }, statements };
  return textChanged ? { diff: { name, change: 'text-only' }, statements } : undefined;
}
