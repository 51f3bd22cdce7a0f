// The authorization probe: given snapshots of an engine's live policies taken between the API calls of an apply,
// which requests could be allowed at that moment? A policy in transition is uncertain: a CREATING one may or may
// not be in effect yet, a DELETING one may already be gone, an UPDATING one may still decide by its old statement.
// The worst case counts every permit that may be in effect and only the forbids that surely are (in every version
// they may have). Each statement is evaluated once per request with Cedar and remembered.
import { createAuthorizer, type AuthorizationRequest } from '../../src/cedar/authorize.js';
import { readPolicyShape } from '../../src/cedar/tokens.js';
import type { LivePolicy } from '../../src/model.js';

const SURELY_PRESENT = new Set(['ACTIVE', 'UPDATING', 'UPDATE_FAILED', 'DELETE_FAILED']);
const SETTLED = new Set(['ACTIVE', 'UPDATE_FAILED', 'DELETE_FAILED']);

interface Version {
  statement: string;
  effective: boolean;
}

export class Probe {
  private readonly matches = new Map<string, Set<number>>();
  private readonly settled = new Map<string, LivePolicy>();
  private slot = 0;

  constructor(readonly requests: AuthorizationRequest[]) {}

  /** What a settled policy set allows: every policy in effect as it reads now. */
  allowed(policies: LivePolicy[]): Set<number> {
    const live = policies.filter((p) => p.status !== 'CREATE_FAILED').map((p) => versionOf(p));
    return this.decide(live.filter((v) => this.effect(v) === 'permit'), live.filter((v) => this.effect(v) === 'forbid').map((v) => [v]));
  }

  /** What may be allowed at the moment of this snapshot, whatever the transitions in flight do. Snapshots must be
   * given in the order they were taken, so the probe knows each policy's last settled version. */
  worstCase(policies: LivePolicy[]): Set<number> {
    const permits: Version[] = [];
    const forbids: Version[][] = [];
    for (const policy of policies) {
      if (policy.status === 'CREATE_FAILED') continue;
      const versions = [versionOf(policy)];
      const before = this.settled.get(policy.policyId);
      if (policy.status === 'UPDATING' && before) versions.push(versionOf(before));
      permits.push(...versions.filter((v) => this.effect(v) === 'permit'));
      if (SURELY_PRESENT.has(policy.status)) forbids.push(versions);
      if (SETTLED.has(policy.status)) this.settled.set(policy.policyId, policy);
    }
    return this.decide(permits, forbids);
  }

  /** Allowed by some permit and not surely forbidden: a forbid counts when every version it may have forbids. */
  private decide(permits: Version[], forbids: Version[][]): Set<number> {
    const allowed = new Set<number>();
    for (const v of permits) for (const i of this.matching(v)) allowed.add(i);
    for (const versions of forbids) {
      const sure = versions.every((v) => this.effect(v) === 'forbid');
      if (!sure) continue;
      for (const i of [...allowed]) if (versions.every((v) => this.matching(v).has(i))) allowed.delete(i);
    }
    return allowed;
  }

  private effect(version: Version): 'permit' | 'forbid' | 'none' {
    return version.effective ? (readPolicyShape(version.statement)?.effect ?? 'none') : 'none';
  }

  /** The requests this statement matches (its conditions hold), evaluated alone so its effect does not hide it. */
  private matching(version: Version): Set<number> {
    let found = this.matches.get(version.statement);
    if (found) return found;
    const authorizer = createAuthorizer(`probe-${this.slot++ % 64}`, { p: version.statement });
    if (typeof authorizer !== 'function') throw new Error(`the probe cannot read ${version.statement}`);
    found = new Set(this.requests.flatMap((request, i) => {
      const answer = authorizer(request);
      return answer.ok && answer.reasons.includes('p') ? [i] : [];
    }));
    this.matches.set(version.statement, found);
    return found;
  }
}

function versionOf(policy: LivePolicy): Version {
  return { statement: policy.statement ?? '', effective: (policy.enforcementMode ?? 'ACTIVE') === 'ACTIVE' };
}
