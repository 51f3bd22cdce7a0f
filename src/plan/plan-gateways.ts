// Gateway attachments: each gateway the engine file names should point at this engine in the file's mode. Anyone
// with UpdateGateway can detach an engine or flip it to LOG_ONLY, which silently stops enforcement, so those are
// flagged loudly as enforcement drift, not just planned away.
import type { Diagnostic, DesiredEngine, GatewaySpec, LiveGateway, LiveState } from '../model.js';
import type { EnforcementDrift, GatewayChange } from './types.js';

export interface GatewayPlan {
  changes: GatewayChange[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export function planGateways(desired: DesiredEngine, live: LiveState): GatewayPlan {
  const result: GatewayPlan = { changes: [], errors: [], warnings: [] };
  const specs = [...desired.engine.gateways].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  for (const spec of specs) {
    const gateway = live.gateways.find((g) => g.arn === spec.arn);
    if (!gateway) {
      const message = `gateway ${spec.arn} named in ${desired.engine.file} does not exist (or is not visible with these credentials)`;
      result.errors.push({ severity: 'error', code: 'plan/gateway-not-found', message, file: desired.engine.file });
      continue;
    }
    const change = compareGateway(spec, gateway, live.engine?.arn, desired.engine.name);
    result.changes.push(change);
    if (change.drift) {
      const message = `Enforcement drift: ${driftMessage(change, desired.engine.name, desired.engine.file)}`;
      result.warnings.push({ severity: 'warning', code: 'plan/enforcement-drift', message, file: desired.engine.file });
    }
  }
  return result;
}

function compareGateway(spec: GatewaySpec, gateway: LiveGateway, engineArn: string | undefined, engine: string): GatewayChange {
  const attached = gateway.policyEngine;
  const ours = engineArn !== undefined && attached?.arn === engineArn;
  const noOp = ours && attached.mode === spec.mode;
  const drift = enforcementDrift(spec, gateway, engineArn);
  let note = `attach to ${engine} in ${spec.mode}`;
  if (attached && !ours) note = `move from ${attached.arn} to ${engine} in ${spec.mode}`;
  if (attached && ours) note = `mode ${attached.mode} -> ${spec.mode}`;
  return {
    kind: 'gateway',
    action: noOp ? 'no-op' : 'update',
    name: gateway.name,
    arn: gateway.arn,
    gatewayId: gateway.gatewayId,
    ...(attached && { before: { engineArn: attached.arn, mode: attached.mode } }),
    after: { ...(engineArn && { engineArn }), mode: spec.mode },
    ...(drift && { drift }),
    // Leaving ENFORCE stops enforcement; moving off another engine's ENFORCE swaps one policy set for another.
    widensAccess: !noOp && attached?.mode === 'ENFORCE' && (spec.mode === 'LOG_ONLY' || !ours),
    notes: noOp ? [] : [note],
  };
}

/** A detached gateway of a new engine is a first deploy, not drift. */
function enforcementDrift(spec: GatewaySpec, gateway: LiveGateway, engineArn: string | undefined): EnforcementDrift | undefined {
  const attached = gateway.policyEngine;
  if (!attached) return engineArn ? 'detached' : undefined;
  if (attached.arn !== engineArn) return 'other-engine';
  return attached.mode === 'LOG_ONLY' && spec.mode === 'ENFORCE' ? 'log-only' : undefined;
}

function driftMessage(change: GatewayChange, engine: string, file: string): string {
  const gateway = `gateway ${change.name} (${change.arn})`;
  switch (change.drift) {
    case 'detached':
      return `${gateway} has no policy engine attached (detached outside git, or newly added to ${file}); this plan attaches ${engine} in ${change.after.mode}`;
    case 'other-engine':
      return `${gateway} is attached to another policy engine (${change.before?.engineArn}); this plan moves it to ${engine}`;
    default:
      return `${gateway} is in LOG_ONLY, so decisions are logged but not enforced, while ${file} says ENFORCE; this plan sets ENFORCE`;
  }
}
