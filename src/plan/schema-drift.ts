// The plan's words for schema drift: a live gateway whose tools differ from the engine file's snapshot. A difference
// that makes a declared, enabled policy fail strict validation against the live schema is an error (the service
// would refuse the policy half-way through an apply); any other only makes the snapshot stale, a warning. Both say
// how to bring the snapshot back: `agentcore-policy pull`.
import type { Diagnostic } from '../model.js';
import { plural } from '../text.js';
import type { ToolDrift } from './schema-diff.js';
import type { EngineSection } from './types.js';

/** A declared policy that fails validation against the live schema because of one tool's drift. */
export interface BrokenPolicy {
  name: string;
  file: string;
  /** Cedar's first finding against the live schema. */
  finding: string;
}

/** Where drift is reported: the engine and its file. */
type Engine = Pick<EngineSection, 'engine' | 'file'>;

export function withSchemaDrift(plan: EngineSection, drift: readonly ToolDrift[], broken: ReadonlyMap<ToolDrift, readonly BrokenPolicy[]>): EngineSection {
  if (drift.length === 0) return plan;
  const { errors, warnings } = driftDiagnostics(plan, drift, broken);
  return { ...plan, errors: [...plan.errors, ...errors], warnings: [...plan.warnings, ...warnings] };
}

export function driftDiagnostics(engine: Engine, drift: readonly ToolDrift[], broken: ReadonlyMap<ToolDrift, readonly BrokenPolicy[]>): { errors: Diagnostic[]; warnings: Diagnostic[] } {
  const at = { file: engine.file, engine: engine.engine };
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  for (const tool of drift) {
    const policies = broken.get(tool) ?? [];
    if (policies.length > 0) errors.push({ severity: 'error', code: 'plan/gateway-schema-drift', message: driftError(tool, policies, engine), ...at });
    else warnings.push({ severity: 'warning', code: 'plan/gateway-schema-changed', message: driftWarning(tool, engine), ...at });
  }
  return { errors, warnings };
}

/** `gateway refund-gateway, target RefundTarget, tool process_refund`. */
export function toolWords(tool: ToolDrift): string {
  return `gateway ${tool.gateway.name}, target ${tool.target}${tool.tool === undefined ? '' : `, tool ${tool.tool}`}`;
}

function driftError(tool: ToolDrift, policies: readonly BrokenPolicy[], plan: Engine): string {
  const fields = tool.fields.length > 0 ? ` (${plural(tool.fields.length, 'field')}: ${tool.fields.join(', ')})` : '';
  const names = policies.map((p) => `${p.name} (${p.file}: ${p.finding})`).join('; ');
  return (
    `schema drift on ${toolWords(tool)}${fields}: ${tool.changes.join('; ')}. ` +
    `Against the live schema, ${policies.length === 1 ? 'this declared policy fails' : 'these declared policies fail'} validation, so the service would refuse ${policies.length === 1 ? 'it' : 'them'} during apply: ${names}. ` +
    `Run agentcore-policy pull --engine ${plan.engine} to write the live tools into ${plan.file}, then fix the ${policies.length === 1 ? 'policy' : 'policies'}`
  );
}

function driftWarning(tool: ToolDrift, plan: Engine): string {
  return `${toolWords(tool)} differs from ${plan.file}: ${tool.changes.join('; ')}. No declared policy fails against it; run agentcore-policy pull --engine ${plan.engine} to bring the snapshot up to date`;
}
