// Gathers per-engine plans into the plan a command prints, saves and applies: totals, the widening flag and every
// diagnostic, enforcement drift (and an unfinished first deploy) first because it means a gateway is not enforcing
// right now.
import type { Diagnostic, EngineSpec } from '../model.js';
import { sealEngine, sealPlan } from './digest.js';
import { PLAN_FORMAT_VERSION, type Change, type EnginePlan, type Plan, type PlanCounts } from './types.js';

export function planAll(engines: EnginePlan[]): Plan {
  const changes = engines.flatMap((e) => e.changes);
  const counts = countChanges(changes);
  const warnings = engines.flatMap((e) => e.warnings);
  const enforcing = (w: Diagnostic) => w.code === 'plan/enforcement-drift' || w.code === 'plan/unfinished-first-deploy';
  return sealPlan({
    formatVersion: PLAN_FORMAT_VERSION,
    engines,
    counts,
    hasChanges: changes.some((c) => c.action !== 'no-op'),
    widensAccess: changes.some((c) => c.kind !== 'engine' && c.widensAccess) || engines.some((e) => e.access?.some((a) => a.verdict === 'widens' || a.verdict === 'both')),
    errors: engines.flatMap((e) => e.errors),
    warnings: [...warnings.filter(enforcing), ...warnings.filter((w) => !enforcing(w))],
  });
}

/** What the changes do to the live engines. A temporary copy of a forbid is created and deleted within the apply:
 * it counts as temporary, not as a create (and its replace, of a copy whose creation failed earlier, deletes that
 * failed copy: one delete). A leftover copy deleted is a delete like any other. */
export function countChanges(changes: Change[]): PlanCounts {
  const counts: PlanCounts = { create: 0, update: 0, delete: 0, replace: 0, temporary: 0 };
  for (const change of changes) {
    if (change.action === 'no-op') continue;
    const temporary = change.kind === 'policy' && change.shadowOf !== undefined && change.action !== 'delete';
    if (!temporary) counts[change.action]++;
    else counts.temporary++;
    if (temporary && change.action === 'replace') counts.delete++;
  }
  return counts;
}

/** The section of an engine whose live state could not be read: nothing is planned for it, and it says why. */
export function unreachableEngine(engine: Pick<EngineSpec, 'name' | 'file'>, error: Diagnostic): EnginePlan {
  return sealEngine({ engine: engine.name, file: engine.file, unreachable: true, changes: [], errors: [error], warnings: [], fingerprint: '', live: { policies: [], gateways: [] }, desired: '' });
}

/** The document a plan command still prints when nothing could be planned, so a program always gets one. */
export function nothingPlanned(reason: string, diagnostics: Diagnostic[]): Plan {
  return sealPlan({
    ...planAll([]),
    notPlanned: reason,
    errors: diagnostics.filter((d) => d.severity === 'error'),
    warnings: diagnostics.filter((d) => d.severity !== 'error'),
  });
}
