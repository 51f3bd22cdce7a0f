// Whether an apply report tells the truth about a run that stopped: every step it calls done is visible in the live
// state, and every step it calls not attempted is not. (A failed step may or may not have reached the service: the
// report only promises that it says why.) Also the end-state checks every fault test shares: the live policies as
// names, modes and normal-form statements, to compare with what a repository declares.
import type { EngineReport } from '../../src/plan/apply-report.js';
import type { LivePolicy, LiveState, Repository } from '../../src/model.js';
import { phasesOf, type Step } from '../../src/plan/phases.js';
import type { EnginePlan } from '../../src/plan/types.js';
import { normalizeStatement, resolveDesired } from '../../src/repository/desired.js';

/** Steps whose reported status the live state contradicts, in words; empty when the report is exact. */
export function reportMismatches(plan: EnginePlan, report: EngineReport, live: LiveState): string[] {
  const steps = new Map<string, Step>(phasesOf(plan).flatMap((phase) => phase.steps.map((step) => [`${phase.name}|${step.type}|${step.name}`, step] as const)));
  const problems: string[] = [];
  if (report.steps.length !== steps.size) problems.push(`the plan has ${steps.size} steps, the report lists ${report.steps.length}`);
  const done = new Set(report.steps.filter((s) => s.status === 'done').map((s) => `${s.type}|${s.name}`));
  for (const result of report.steps) {
    const key = `${result.phase}|${result.type}|${result.name}`;
    const step = steps.get(key);
    if (!step) {
      problems.push(`the report lists ${key}, which the plan does not have`);
      continue;
    }
    // A temporary copy's delete has nothing to act on when its create never ran.
    if (step.type === 'delete-policy' && !step.policyId && !done.has(`create-policy|${step.name}`)) continue;
    const seen = visible(step, result.target, live);
    if (result.status === 'done' && !seen) problems.push(`${key} is reported done but is not visible live`);
    if (result.status === 'not-attempted' && seen) problems.push(`${key} is reported not attempted but is visible live`);
  }
  return problems;
}

function visible(step: Step, target: string | undefined, live: LiveState): boolean {
  const byId = (id: string | undefined) => live.policies.find((p) => p.policyId === id);
  switch (step.type) {
    case 'create-engine':
      return live.engine !== undefined;
    case 'update-engine':
      return live.engine?.description === step.description;
    case 'set-gateway': {
      const gateway = live.gateways.find((g) => g.arn === step.arn);
      return gateway?.policyEngine?.arn === (step.engineArn ?? live.engine?.arn) && gateway?.policyEngine?.mode === step.mode;
    }
    case 'create-policy':
      return live.policies.some((p) => p.name === step.name && p.description === step.policy.description);
    case 'update-policy': {
      const policy = byId(step.policyId);
      return policy?.description === step.policy.description && (policy.enforcementMode ?? 'ACTIVE') === step.policy.enforcementMode;
    }
    case 'delete-policy':
      return step.policyId || target ? byId(step.policyId ?? target) === undefined : !live.policies.some((p) => p.name === step.name);
    case 'detach-gateway':
      return !(live.undeclaredGateways ?? []).some((g) => g.arn === step.arn);
  }
}

/** An engine's live policies as `name mode statement` lines, sorted; statements in Cedar's normal form. */
export function livePolicySet(live: LiveState): string[] {
  return live.policies.map((p) => `${p.name} ${p.enforcementMode ?? 'ACTIVE'} ${normalizeStatement(p.statement ?? '') ?? p.statement}`).sort();
}

/** What a repository declares for an engine, in the same lines. */
export function declaredPolicySet(repository: Repository, engine: string): string[] {
  const spec = repository.engines.find((e) => e.name === engine)!;
  return resolveDesired(repository, spec).policies.map((p) => `${p.spec.name} ${p.spec.enforcementMode} ${p.statement}`).sort();
}

/** What a repository declares for an engine, as the live policies that would hold it (for the probe). */
export function declaredAsLive(repository: Repository, engine: string): LivePolicy[] {
  const spec = repository.engines.find((e) => e.name === engine)!;
  return resolveDesired(repository, spec).policies.map((p) => ({
    policyId: `${p.spec.name}-declared`,
    name: p.spec.name,
    statement: p.statement,
    enforcementMode: p.spec.enforcementMode,
    status: 'ACTIVE',
    statusReasons: [],
  }));
}

/** Names held by more than one live policy. */
export function duplicateNames(live: LiveState): string[] {
  const names = live.policies.map((p) => p.name);
  return [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
}
