// A pull request's full check: the plan pipeline the CLI's `plan` runs (validate, read live, plan) for each selected
// engine, then the authorization tests over the repository it validated.
import type { ClientOptions } from '../agentcore/index.js';
import type { Diagnostic } from '../model.js';
import { planAll } from '../plan/plan-all.js';
import type { Plan } from '../plan/types.js';
import { runPlan, type PlanOutcome } from '../run/plan.js';
import { runTests } from '../testing/run-tests.js';
import { runChecks, type ChecksResult } from './checks.js';
import { forEngines, mergeDiagnostics } from './engines.js';

export interface PlanChecksResult {
  checks: ChecksResult;
  plan?: Plan;
  /** Failures to read the live state: the repository validated, but no plan could be made. */
  liveErrors?: Diagnostic[];
}

export async function runPlanChecks(root: string, engines: string[], client: ClientOptions): Promise<PlanChecksResult> {
  const outcome = mergePlanOutcomes(await forEngines(engines, (engine) => runPlan({ root, engine, client })));
  if (outcome.ok) {
    return { checks: { diagnostics: outcome.diagnostics, tests: runTests(outcome.repository, outcome.engines) }, plan: outcome.plan };
  }
  if (outcome.stage === 'validate') return { checks: { diagnostics: outcome.diagnostics } };
  // The repository is valid, so the tests still have something to say while the live side is down.
  return { checks: await runChecks(root, engines, { tests: true }), liveErrors: outcome.diagnostics };
}

/** One outcome for several engines: a validation failure anywhere wins, then a live failure, else one plan. */
export function mergePlanOutcomes(outcomes: PlanOutcome[]): PlanOutcome {
  if (outcomes.length === 1) return outcomes[0]!;
  for (const stage of ['validate', 'live'] as const) {
    const failed = outcomes.filter((o) => !o.ok && o.stage === stage);
    if (failed.length > 0) return { ok: false, stage, diagnostics: mergeDiagnostics(failed.map((o) => o.diagnostics)) };
  }
  const planned = outcomes.filter((o) => o.ok);
  return {
    ok: true,
    plan: planAll(planned.flatMap((o) => o.plan.engines)),
    repository: planned[0]!.repository,
    engines: planned.flatMap((o) => o.engines),
    diagnostics: mergeDiagnostics(planned.map((o) => o.diagnostics)),
  };
}
