// The order apply executes a plan in, as data. Cedar denies by default and a forbid always wins, so the order is
// chosen so that access is never wider in between than before or after: what takes access away goes first, what
// grants it goes last, and a forbid whose statement changes alongside other changes keeps its old statement live in
// a temporary copy until the permits are final (shadows.ts has the argument). Apply runs the phases in order and
// waits for every step of a phase to settle (ACTIVE) before starting the next.
import type { GatewayMode } from '../model.js';
import { effectiveAfter, effectiveBefore, type Effective } from './access.js';
import type { EnginePlan, GatewayAttach, PolicyAfter, PolicyBefore, PolicyChange } from './types.js';

export type PhaseName =
  | 'engine'
  | 'attach-gateways'
  | 'forbids-shadowed'
  | 'forbids-created-or-changed'
  | 'permits-removed'
  | 'permits-changed'
  | 'permits-created'
  | 'forbids-removed'
  | 'gateway-modes'
  | 'detach-gateways';

export type Step =
  | { type: 'create-engine'; name: string; description?: string; clientToken: string }
  | { type: 'update-engine'; name: string; policyEngineId: string; description: string }
  /** Read-modify-write of the gateway's policy engine configuration; `engineArn` absent = the engine just created. */
  | { type: 'set-gateway'; name: string; arn: string; gatewayId: string; engineArn?: string; mode: GatewayMode }
  | { type: 'create-policy'; name: string; policy: PolicyAfter; clientToken: string }
  /** `keepStatement`: live already holds this statement, so only the description and modes are sent and nothing is
   * validated again (an adoption, a new description, a mode switch). */
  | { type: 'update-policy'; name: string; policyId: string; policy: PolicyAfter; keepStatement?: true }
  /** `policyId` absent: the temporary forbid this apply created in an earlier phase, by the id its creation returned. */
  | { type: 'delete-policy'; name: string; policyId?: string }
  /** Read-modify-write of the gateway without a policy engine configuration. */
  | { type: 'detach-gateway'; name: string; arn: string; gatewayId: string };

export interface Phase {
  name: PhaseName;
  why: string;
  steps: Step[];
}

const WHY: Record<PhaseName, string> = {
  engine: 'the engine must exist before gateways can point at it or policies go into it',
  'attach-gateways':
    'AgentCore validates policies against the schema of the gateways attached to the engine, so gateways are attached ' +
    'before policies naming their tools; a gateway not enforcing today is attached in LOG_ONLY so it never enforces a ' +
    'half-built engine (default deny would be an outage), and one enforcing another engine stays in ENFORCE so ' +
    'enforcement never lapses',
  'forbids-shadowed':
    'a forbid about to change is first copied, old statement and all, into a temporary forbid, so its old denials ' +
    'hold until the permits are final; the copy is deleted with the forbids removed',
  'forbids-created-or-changed': 'forbids only take access away, so new and changed ones close gaps before anything opens',
  'permits-removed': 'removing a permit only narrows access',
  'permits-changed': 'a changed permit may grant something new, so it waits until every forbid is in place',
  'permits-created': 'new permits grant access, so they come after every forbid they must respect',
  'forbids-removed': 'removing a forbid (or a temporary copy) widens access, so it happens last, once the permits are final',
  'gateway-modes':
    'gateways take their declared mode once the policy set is complete: ENFORCE only after the permits exist, and ' +
    'LOG_ONLY (which stops enforcing) only at the very end',
  'detach-gateways':
    'a gateway the engine file no longer declares is taken off the engine (prune: true) after everything else: without ' +
    'an engine it authorizes every call its authorizer lets through, so nothing may depend on it enforcing afterwards',
};

const ORDER = Object.keys(WHY) as PhaseName[];

export function phasesOf(plan: Pick<EnginePlan, 'changes'>): Phase[] {
  const steps = new Map<PhaseName, Step[]>(ORDER.map((name) => [name, []]));
  const add = (phase: PhaseName, step: Step) => steps.get(phase)?.push(step);
  for (const change of plan.changes) {
    if (change.kind === 'engine' && change.action === 'create') {
      add('engine', { type: 'create-engine', name: change.name, ...(change.after.description !== undefined && { description: change.after.description }), clientToken: change.clientToken });
    } else if (change.kind === 'engine' && change.action === 'update') {
      add('engine', { type: 'update-engine', name: change.name, policyEngineId: change.before.policyEngineId, description: change.after.description });
    } else if (change.kind === 'gateway' && change.detach) {
      add('detach-gateways', { type: 'detach-gateway', name: change.name, arn: change.arn, gatewayId: change.gatewayId });
    } else if (change.kind === 'gateway' && change.action === 'update') {
      addGateway(change, add);
    } else if (change.kind === 'policy') {
      for (const [phase, step] of policySteps(change)) add(phase, step);
    }
  }
  return ORDER.map((name) => ({ name, why: WHY[name], steps: steps.get(name) ?? [] })).filter((phase) => phase.steps.length > 0);
}

function addGateway(change: GatewayAttach, add: (phase: PhaseName, step: Step) => void): void {
  const { name, arn, gatewayId } = change;
  const target = { name, arn, gatewayId, ...(change.after.engineArn && { engineArn: change.after.engineArn }) };
  const attached = change.after.engineArn !== undefined && change.before?.engineArn === change.after.engineArn;
  let mode = change.before?.mode;
  if (!attached) {
    mode = change.before?.mode === 'ENFORCE' ? 'ENFORCE' : 'LOG_ONLY';
    add('attach-gateways', { type: 'set-gateway', ...target, mode });
  }
  if (mode !== change.after.mode) add('gateway-modes', { type: 'set-gateway', ...target, mode: change.after.mode });
}

/** The steps of one policy change, each with its phase. */
export function policySteps(change: PolicyChange): [PhaseName, Step][] {
  if (change.action === 'no-op') return [];
  const { before, after } = change;
  if (change.action === 'update') {
    const keep = !change.fields.includes('statement') && change.before.status !== 'UPDATE_FAILED';
    return [[phaseOf(before, after), { type: 'update-policy', name: change.name, policyId: change.before.policyId, policy: change.after, ...(keep && { keepStatement: true as const }) }]];
  }
  const create: Step | undefined = change.action === 'delete' ? undefined : { type: 'create-policy', name: change.after.name, policy: change.after, clientToken: change.clientToken };
  const remove: Step | undefined = before && { type: 'delete-policy', name: before.name, policyId: before.policyId };
  if (change.shadowOf && create) {
    // A copy that failed to create before is deleted first; the new copy lives until the last policy phase.
    const copy: [PhaseName, Step][] = [['forbids-shadowed', create], ['forbids-removed', { type: 'delete-policy', name: create.name }]];
    return remove ? [['forbids-shadowed', remove], ...copy] : copy;
  }
  // Names are unique: recreating a policy under its own name must delete first, in the same phase.
  const sameName = before && after && before.name === after.name;
  const steps: [PhaseName, Step][] = [];
  if (remove) steps.push([sameName ? phaseOf(undefined, after) : phaseOf(before, undefined), remove]);
  if (create) steps.push([phaseOf(undefined, after), create]);
  return steps;
}

/** The phase of a policy step from its effect before and after; a LOG_ONLY or never-created policy has none, and
 * then its statement's effect decides (such a step changes no decision, so any phase of its kind is safe). */
function phaseOf(before: PolicyBefore | undefined, after: PolicyAfter | undefined): PhaseName {
  const effective = byEffect(effectiveBefore(before), effectiveAfter(after));
  return effective ?? byEffect(before ? before.effect ?? 'unknown' : 'none', after?.effect ?? 'none') ?? 'permits-changed';
}

function byEffect(before: Effective, after: Effective): PhaseName | undefined {
  if (after === 'forbid') return 'forbids-created-or-changed';
  if (before === 'forbid' || before === 'unknown') return 'forbids-removed';
  if (before === 'permit') return after === 'permit' ? 'permits-changed' : 'permits-removed';
  return after === 'permit' ? 'permits-created' : undefined;
}
