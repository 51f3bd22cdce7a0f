// The pure half of `emergency engage|disengage`: which policies may be switched outside the pull-request flow (only
// the emergency group's, deployed to that engine), the repository as it would read with the switch made and the
// reason recorded, and the one change of the plan that switches it (so nothing else is touched on the way).
import type { Diagnostic, DiagnosticCode, EngineSpec, PolicySpec, Repository } from '../model.js';
import type { Change, EnginePlan } from './types.js';

export type EmergencyAction = 'engage' | 'disengage';

/** `deployed`: the policies the repository deploys to `engine` (repository/membership.ts). */
export function findEmergencyPolicy(
  repository: Repository,
  engine: EngineSpec,
  deployed: readonly PolicySpec[],
  name: string,
): { policy: PolicySpec } | { diagnostic: Diagnostic } {
  const policy = repository.policies.find((p) => p.name === name);
  const refuse = (code: DiagnosticCode, message: string, at?: Partial<Diagnostic>): { diagnostic: Diagnostic } => ({ diagnostic: { severity: 'error', code, message, ...at } });
  if (!policy) {
    const known = repository.policies.filter((p) => p.group === 'emergency').map((p) => p.name);
    return refuse('emergency/unknown-policy', `no policy named ${name} is declared${known.length > 0 ? ` (emergency policies: ${known.join(', ')})` : ''}`);
  }
  if (policy.group !== 'emergency') {
    return refuse(
      'emergency/not-emergency',
      `${name} is in the ${policy.group} group: only emergency-group policies can be switched live outside the pull-request flow; change it in a pull request`,
      policy.declaredAt,
    );
  }
  if (!deployed.includes(policy)) {
    return refuse('emergency/not-on-engine', `${name} is not deployed to engine ${engine.name} (check its engines list and the engine's groups)`, policy.declaredAt);
  }
  return { policy };
}

/** The human description recorded live while engaged: what the manifest says, then why it was engaged. */
export function engagedDescription(description: string, reason: string): string {
  return `${description}\n\nEngaged outside the pull-request flow: ${reason.replace(/\s+/g, ' ').trim()}`;
}

/** The repository as if the switch were made: the policy enabled with the reason recorded, or disabled. */
export function switched(repository: Repository, policy: PolicySpec, action: EmergencyAction, reason: string): Repository {
  const next: PolicySpec =
    action === 'engage' ? { ...policy, enabled: true, description: engagedDescription(policy.description, reason) } : { ...policy, enabled: false };
  return { ...repository, policies: repository.policies.map((p) => (p === policy ? next : p)) };
}

/** Only the switched policy's change (and the engine, left as it is: the steps go into it, and a temporary copy of
 * the policy when the full plan makes one: its change says so), and only the plan errors about that policy. */
export function onlyPolicy(plan: EnginePlan, policy: PolicySpec): EnginePlan {
  const { file, line, column } = policy.declaredAt;
  const keep = (c: Change): Change[] => {
    // The engine exists (an emergency switch needs it live); its own change, if any, waits for the next apply.
    if (c.kind === 'engine') return c.before ? [{ kind: 'engine', action: 'no-op', name: c.name, fields: [], before: c.before, after: c.after, notes: [] }] : [];
    return c.kind === 'policy' && (c.name === policy.name || c.shadowOf === policy.name) ? [c] : [];
  };
  return {
    ...plan,
    changes: plan.changes.flatMap(keep),
    errors: plan.errors.filter((e) => e.file === file && e.line === line && e.column === column),
  };
}
