// Gateway attachments: each gateway the engine file names should point at this engine in the file's mode. Anyone
// with UpdateGateway can detach an engine or flip it to LOG_ONLY, which silently stops enforcement, so those are
// flagged loudly as enforcement drift, not just planned away. Apply's own interim state is not drift: a first
// deploy attaches gateways in LOG_ONLY and sets ENFORCE only once every policy is in place, so one that stopped
// half-way leaves an engine that enforces nowhere and holds only declared policies, some of them still missing;
// that is said as such. A gateway attached to this engine that the engine file no longer declares is reported, and
// detached when the engine has `prune: true`.
import type { Diagnostic, DesiredEngine, GatewaySpec, LiveGateway, LiveState } from '../model.js';
import type { EnforcementDrift, GatewayAttach, GatewayChange, GatewayDetach, PolicyChange } from './types.js';

export interface GatewayPlan {
  changes: GatewayChange[];
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

/** `policies`: the engine's planned policy changes, which tell an unfinished first deploy from drift. */
export function planGateways(desired: DesiredEngine, live: LiveState, policies: PolicyChange[]): GatewayPlan {
  const result: GatewayPlan = { changes: [], errors: [], warnings: [] };
  const { name, file } = desired.engine;
  const specs = [...desired.engine.gateways].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0));
  const unfinished = unfinishedFirstDeploy(desired, live, policies);
  const finishing: GatewayAttach[] = [];
  for (const spec of specs) {
    const gateway = live.gateways.find((g) => g.arn === spec.arn);
    if (!gateway) {
      const message = `gateway ${spec.arn} named in ${file} does not exist (or is not visible with these credentials)`;
      result.errors.push({ severity: 'error', code: 'plan/gateway-not-found', message, file });
      continue;
    }
    const change = compareGateway(spec, gateway, live.engine?.arn, name);
    if (unfinished && (change.drift === 'detached' || change.drift === 'log-only')) {
      finishing.push(asFinishing(change, change.drift));
      result.changes.push(finishing.at(-1)!);
    } else {
      result.changes.push(change);
      if (change.drift) result.warnings.push({ severity: 'warning', code: 'plan/enforcement-drift', message: `Enforcement drift: ${driftMessage(change, name, file)}`, file });
    }
  }
  for (const gateway of [...(live.undeclaredGateways ?? [])].sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0))) {
    if (desired.engine.prune) result.changes.push(detach(gateway, name, file));
    else result.warnings.push({ severity: 'warning', code: 'plan/gateway-not-declared', message: notDeclared(gateway, name, file), file, engine: name });
  }
  if (unfinished && finishing.length > 0) {
    const gateways = `${finishing.map((g) => g.name).join(', ')} ${finishing.length === 1 ? 'is' : 'are'} not enforcing yet`;
    const message =
      `a first deploy did not finish: the engine holds ${unfinished.held} of its ${unfinished.declared} declared policies and ${gateways}; ` +
      'this apply finishes it, the missing policies first, then each gateway in its declared mode ' +
      '(if no apply was interrupted, this is enforcement drift: the gateways were changed outside git)';
    result.warnings.push({ severity: 'warning', code: 'plan/unfinished-first-deploy', message, file, engine: name });
  }
  return result;
}

function notDeclared(gateway: LiveGateway, engine: string, file: string): string {
  return (
    `gateway ${gateway.name} (${gateway.arn}) is attached to ${engine} in ${gateway.policyEngine!.mode} but ${file} does not declare it: ` +
    `its calls are authorized by policies validated against no snapshot of its tools; declare it in ${file} (agentcore-policy pull writes its tools), ` +
    `or set prune: true there to have the plan detach it`
  );
}

/** Taken off the engine, last: without an engine, the gateway enforces nothing. */
function detach(gateway: LiveGateway, engine: string, file: string): GatewayDetach {
  const before = { engineArn: gateway.policyEngine!.arn, mode: gateway.policyEngine!.mode };
  const note = `detach from ${engine}: ${file} no longer declares it (prune: true); without an engine it authorizes every call its authorizer lets through`;
  return { kind: 'gateway', action: 'update', detach: true, name: gateway.name, arn: gateway.arn, gatewayId: gateway.gatewayId, before, widensAccess: before.mode === 'ENFORCE', notes: [note] };
}

/** The gateway change without drift: apply left it so, and a note says so. */
function asFinishing(change: GatewayAttach, state: 'detached' | 'log-only'): GatewayAttach {
  const { drift: _interim, ...rest } = change;
  const note = `left ${state === 'detached' ? 'not attached' : 'in LOG_ONLY'} by an unfinished first deploy: this apply finishes it`;
  return { ...rest, notes: [...rest.notes, note] };
}

/** A first deploy cut off before its last phase: the engine exists and no gateway of the file enforces it, every
 * live policy is a declared one as declared, and some declared ones are still to create (or to create again, their
 * creation having failed). Anything else the engine holds (a policy to update or delete, an unmanaged one) did
 * not come from that deploy, and once every declared policy is live a gateway not enforcing is drift. */
function unfinishedFirstDeploy(desired: DesiredEngine, live: LiveState, policies: PolicyChange[]): { held: number; declared: number } | undefined {
  const engineArn = live.engine?.arn;
  if (!engineArn || live.gateways.some((g) => g.policyEngine?.arn === engineArn && g.policyEngine.mode === 'ENFORCE')) return undefined;
  const missing = policies.filter((c) => c.action === 'create' || (c.action === 'replace' && c.before.status === 'CREATE_FAILED' && c.before.name === c.name));
  const asDeclared = policies.filter((c) => c.action === 'no-op' && c.after !== undefined);
  if (missing.length === 0 || missing.length + asDeclared.length < policies.length) return undefined;
  return { held: desired.policies.length - missing.length, declared: desired.policies.length };
}

function compareGateway(spec: GatewaySpec, gateway: LiveGateway, engineArn: string | undefined, engine: string): GatewayAttach {
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
