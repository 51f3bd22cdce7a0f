// Gathers per-engine plans into the plan a command prints, saves and applies: totals, the widening flag and every
// diagnostic, enforcement drift first because it means a gateway is not enforcing right now.
import type { Diagnostic, EngineSpec } from '../model.js';
import { PLAN_FORMAT_VERSION, type EnginePlan, type Plan, type PlanCounts } from './types.js';

export function planAll(engines: EnginePlan[]): Plan {
  const counts: PlanCounts = { create: 0, update: 0, delete: 0, replace: 0 };
  const changes = engines.flatMap((e) => e.changes);
  for (const change of changes) if (change.action !== 'no-op') counts[change.action]++;
  const warnings = engines.flatMap((e) => e.warnings);
  const drift = warnings.filter((w) => w.code === 'plan/enforcement-drift');
  return {
    formatVersion: PLAN_FORMAT_VERSION,
    engines,
    counts,
    hasChanges: changes.some((c) => c.action !== 'no-op'),
    widensAccess: changes.some((c) => c.kind !== 'engine' && c.widensAccess) || engines.some((e) => e.access?.some((a) => a.verdict === 'widens' || a.verdict === 'both')),
    errors: engines.flatMap((e) => e.errors),
    warnings: [...drift, ...warnings.filter((w) => w.code !== 'plan/enforcement-drift')],
  };
}

/** The section of an engine whose live state could not be read: nothing is planned for it, and it says why. */
export function unreachableEngine(engine: Pick<EngineSpec, 'name' | 'file'>, error: Diagnostic): EnginePlan {
  return { engine: engine.name, file: engine.file, unreachable: true, changes: [], errors: [error], warnings: [], fingerprint: '', live: { policies: [], gateways: [] } };
}

/** The document a plan command still prints when nothing could be planned, so a program always gets one. */
export function nothingPlanned(reason: string, diagnostics: Diagnostic[]): Plan {
  return {
    ...planAll([]),
    notPlanned: reason,
    errors: diagnostics.filter((d) => d.severity === 'error'),
    warnings: diagnostics.filter((d) => d.severity !== 'error'),
  };
}
