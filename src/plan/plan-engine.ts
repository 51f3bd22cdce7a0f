// The plan of one engine: desired state, live state and options in, plan as data out. Pure: no files, network or
// clock, so the same inputs always give the same plan, and apply can plan again to check a saved plan (and
// convergence). The plan records the engine's id and digests of what it was made from (digest.ts).
import type { Diagnostic, DesiredEngine, LiveState } from '../model.js';
import { lockWarning } from './apply-lock.js';
import { desiredDigest, sealEngine } from './digest.js';
import { fingerprintSummary, summarizeLive } from './fingerprint.js';
import { planGateways } from './plan-gateways.js';
import { planPolicies } from './plan-policies.js';
import { clientToken } from './policy-states.js';
import type { ChangeAction, EngineChange, EnginePlan, EngineSection, PlanOptions, PolicyChange } from './types.js';

// Most consequential first, so a reader (or a truncated PR comment) meets deletions before anything else.
const ACTION_ORDER: Record<ChangeAction, number> = { delete: 0, replace: 1, update: 2, create: 3, 'no-op': 4 };

export function planEngine(desired: DesiredEngine, live: LiveState, options: PlanOptions): EnginePlan {
  return sealEngine(planSection(desired, live, options));
}

/** The plan unsealed, for a caller that adds to it before sealing it (the access analysis, src/run/access.ts). */
export function planSection(desired: DesiredEngine, live: LiveState, options: PlanOptions): EngineSection {
  const engine = planEngineItself(desired, live);
  const policies = planPolicies(desired, live, options);
  const gateways = planGateways(desired, live, policies.changes);
  const summary = summarizeLive(live);
  const { name, file } = desired.engine;
  return {
    engine: name,
    file,
    changes: [engine.change, ...gateways.changes, ...[...policies.changes].sort(comparePolicies)],
    errors: [...engine.errors, ...gateways.errors, ...policies.errors],
    warnings: [...gateways.warnings, ...policies.warnings, ...(live.applyLock ? [lockWarning(name, file, live.applyLock)] : [])],
    fingerprint: fingerprintSummary(summary),
    live: summary,
    ...(live.engine && { policyEngineId: live.engine.policyEngineId }),
    desired: desiredDigest(desired),
  };
}

function comparePolicies(a: PolicyChange, b: PolicyChange): number {
  return ACTION_ORDER[a.action] - ACTION_ORDER[b.action] || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

function planEngineItself(desired: DesiredEngine, live: LiveState): { change: EngineChange; errors: Diagnostic[] } {
  const { name, description, file } = desired.engine;
  const after = { name, ...(description !== undefined && { description }) };
  if (!live.engine) {
    const change: EngineChange = { kind: 'engine', action: 'create', name, fields: [], after, clientToken: clientToken([name, description]), notes: [] };
    return { change, errors: [] };
  }
  const { policyEngineId, arn, status } = live.engine;
  const before = { name: live.engine.name, ...(live.engine.description !== undefined && { description: live.engine.description }), policyEngineId, arn, status };
  const common = { kind: 'engine' as const, name, before, notes: [] };
  const change: EngineChange =
    description !== undefined && description !== live.engine.description
      ? { ...common, action: 'update', fields: ['description'], after: { ...after, description, policyEngineId, arn } }
      : { ...common, action: 'no-op', fields: [], after: { ...after, policyEngineId, arn } };
  const unusable = status === 'DELETING' || status === 'DELETE_FAILED' || status === 'CREATE_FAILED';
  const errors: Diagnostic[] = unusable
    ? [{ severity: 'error', code: 'plan/engine-status', message: `engine ${name} (${policyEngineId}) is ${status}: fix or remove it in AWS first (this tool never deletes an engine)`, file }]
    : [];
  return { change, errors };
}
