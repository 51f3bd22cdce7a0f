// The live state a plan was computed against, as a fingerprint and per-object digests. There is no state file:
// a saved plan is only safe to apply if the service still holds what the plan saw, and when it does not, the
// digests say which object moved.
import { createHash } from 'node:crypto';
import type { LiveState } from '../model.js';

export interface LiveSummary {
  engine?: { policyEngineId: string; name: string; digest: string };
  /** Sorted by policyId. */
  policies: { policyId: string; name: string; digest: string }[];
  /** Sorted by ARN. */
  gateways: { arn: string; digest: string }[];
}

function digest(values: unknown[]): string {
  return createHash('sha256').update(JSON.stringify(values), 'utf8').digest('hex').slice(0, 16);
}

const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0);

/** Digests of exactly what a plan depends on; timestamps and status reasons are left out so they cannot stale a plan. */
export function summarizeLive(live: LiveState): LiveSummary {
  const engine = live.engine;
  return {
    ...(engine && {
      engine: {
        policyEngineId: engine.policyEngineId,
        name: engine.name,
        digest: digest([engine.policyEngineId, engine.arn, engine.name, engine.description ?? null, engine.status]),
      },
    }),
    policies: live.policies
      .map((p) => ({
        policyId: p.policyId,
        name: p.name,
        digest: digest([p.policyId, p.name, p.description ?? null, p.statement ?? null, p.enforcementMode ?? null, p.status]),
      }))
      .sort(byKey((p) => p.policyId)),
    // Gateways attached to the engine but not declared too: a plan that detaches one is stale once it moves.
    gateways: [...live.gateways, ...(live.undeclaredGateways ?? [])]
      .map((g) => ({ arn: g.arn, digest: digest([g.arn, g.policyEngine?.arn ?? null, g.policyEngine?.mode ?? null]) }))
      .sort(byKey((g) => g.arn)),
  };
}

export function fingerprintSummary(summary: LiveSummary): string {
  return createHash('sha256').update(JSON.stringify(summary), 'utf8').digest('hex');
}

/** One hash of the live state, independent of the order the service listed things in. */
export function fingerprintLive(live: LiveState): string {
  return fingerprintSummary(summarizeLive(live));
}

/** What changed since a plan was made, one sentence per object; empty when nothing did. */
export function explainLiveChange(before: LiveSummary, now: LiveState): string[] {
  const after = summarizeLive(now);
  const messages: string[] = [];
  if (!before.engine && after.engine) messages.push(`engine ${after.engine.name} was created`);
  else if (before.engine && !after.engine) messages.push(`engine ${before.engine.name} no longer exists`);
  else if (before.engine && after.engine && before.engine.digest !== after.engine.digest) {
    messages.push(`engine ${after.engine.name} changed (id, description or status)`);
  }
  const oldPolicies = new Map(before.policies.map((p) => [p.policyId, p]));
  const newPolicies = new Map(after.policies.map((p) => [p.policyId, p]));
  for (const [id, p] of oldPolicies) {
    const current = newPolicies.get(id);
    if (!current) messages.push(`policy ${p.name} (${id}) was deleted`);
    else if (current.digest !== p.digest) messages.push(`policy ${p.name} (${id}) was updated`);
  }
  for (const [id, p] of newPolicies) if (!oldPolicies.has(id)) messages.push(`policy ${p.name} (${id}) was created`);
  const oldGateways = new Map(before.gateways.map((g) => [g.arn, g.digest]));
  const newGateways = new Map(after.gateways.map((g) => [g.arn, g.digest]));
  for (const [arn, d] of oldGateways) {
    if (!newGateways.has(arn)) messages.push(`gateway ${arn} can no longer be found`);
    else if (newGateways.get(arn) !== d) messages.push(`gateway ${arn} changed its policy engine or mode`);
  }
  for (const arn of newGateways.keys()) if (!oldGateways.has(arn)) messages.push(`gateway ${arn} appeared`);
  return messages;
}
