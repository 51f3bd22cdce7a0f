// Schema drift in a plan, where the pure planner meets Cedar: the live gateways' tools (as LiveState read them)
// compared with the engine file's snapshot (plan/schema-diff.ts), and each difference judged by strict validation of
// the engine's declared, enabled policies: against the schema of the live gateways (the policies that fail are the
// ones the service would refuse), then with that one tool changed alone (which of the differences breaks them).
import { validatePolicies } from '../cedar/check.js';
import { buildCedarSchema, type SchemaGateway } from '../cedar/schema.js';
import type { DesiredEngine, DesiredPolicy, Diagnostic, GatewaySpec, LiveState, TargetSpec } from '../model.js';
import { schemaDrift, type ToolDrift } from '../plan/schema-diff.js';
import { driftDiagnostics, withSchemaDrift, type BrokenPolicy } from '../plan/schema-drift.js';
import type { EngineSection } from '../plan/types.js';

/** Adds the drift to a section before it is sealed (plan-engine.ts planSection). */
export function checkSchemaDrift(plan: EngineSection, desired: DesiredEngine, live: LiveState): EngineSection {
  if (plan.unreachable) return plan;
  const { drift, broken } = judgeDrift(desired, live);
  return withSchemaDrift(plan, drift, broken);
}

/** The drift that breaks declared policies, as errors: what apply checks again under the engine's lock. */
export function schemaDriftErrors(desired: DesiredEngine, live: LiveState): Diagnostic[] {
  const { drift, broken } = judgeDrift(desired, live);
  return driftDiagnostics({ engine: desired.engine.name, file: desired.engine.file }, drift, broken).errors;
}

/** The differences, and for each the declared policies it alone makes fail. */
export function judgeDrift(desired: DesiredEngine, live: LiveState): { drift: ToolDrift[]; broken: Map<ToolDrift, BrokenPolicy[]> } {
  const declared = desired.engine.gateways;
  const drift = schemaDrift(declared, live.gateways);
  const broken = new Map<ToolDrift, BrokenPolicy[]>();
  const policies = desired.policies;
  if (drift.length === 0 || policies.length === 0) return { drift, broken };
  // What fails against the whole live schema; only these can be broken by a difference.
  const failing = failures(withTools(declared, drift), policies);
  if (failing.size === 0) return { drift, broken };
  const suspects = policies.filter((p) => failing.has(p.spec.name));
  for (const tool of drift.filter((d) => d.tool !== undefined)) {
    const alone = failures(withTools(declared, [tool]), suspects);
    if (alone.size > 0) broken.set(tool, suspects.filter((p) => alone.has(p.spec.name)).map((p) => ({ name: p.spec.name, file: p.spec.file, finding: alone.get(p.spec.name)! })));
  }
  return { drift, broken };
}

/** The policies that fail strict validation against these gateways, each with Cedar's first finding. */
function failures(gateways: SchemaGateway[], policies: readonly DesiredPolicy[]): Map<string, string> {
  const result = validatePolicies(buildCedarSchema(gateways), new Map(policies.map((p) => [p.spec.name, p.statement])));
  const failing = new Map<string, string>();
  if (result.failed) return failing;
  for (const [name, issues] of result.issues) {
    const error = issues.find((issue) => issue.severity === 'error');
    if (error) failing.set(name, error.message);
  }
  return failing;
}

/** The engine file's gateways with the tools of `drift` as live has them (removed where they are gone). */
function withTools(gateways: readonly GatewaySpec[], drift: readonly ToolDrift[]): SchemaGateway[] {
  return gateways.map((gateway) => {
    const mine = drift.filter((d) => d.gateway.arn === gateway.arn && d.tool !== undefined);
    if (mine.length === 0) return gateway;
    const targets: TargetSpec[] = gateway.targets.map((target) => ({ ...target, tools: target.tools.filter((t) => !mine.some((d) => d.target === target.name && d.tool === t.name)) }));
    for (const { target, live } of mine) {
      if (!live) continue;
      const into = targets.find((t) => t.name === target) ?? targets[targets.push({ name: target, tools: [] }) - 1]!;
      into.tools = [...into.tools, live];
    }
    return { ...gateway, targets };
  });
}
