// The plan pipeline shared by the CLI and the action: validate (a repository that fails never plans), then per
// engine read the live state and compute the pure plan, then gather. Like changesets' get-release-plan, this is
// the short composer that wires the effectful edges (files, AWS) to the pure core.
import { AgentCoreError, readLiveState, type ClientOptions } from '../agentcore/index.js';
import { openEngine } from '../local/connect.js';
import type { Diagnostic, EngineSpec, Repository } from '../model.js';
import { planAll } from '../plan/plan-all.js';
import { planEngine } from '../plan/plan-engine.js';
import type { EnginePlan, Plan } from '../plan/types.js';
import { normalizeStatement, resolveDesired } from '../repository/desired.js';
import { hasErrors, validateRepository } from '../validation/validate.js';

export interface PlanRunOptions {
  root: string;
  /** Plan one engine only. */
  engine?: string;
  client?: ClientOptions;
}

export type PlanOutcome =
  | { ok: true; plan: Plan; repository: Repository; engines: EngineSpec[]; diagnostics: Diagnostic[] }
  | { ok: false; stage: 'validate' | 'live'; diagnostics: Diagnostic[] };

export async function runPlan(options: PlanRunOptions): Promise<PlanOutcome> {
  const report = await validateRepository(options.root, { engine: options.engine });
  if (hasErrors(report.diagnostics)) return { ok: false, stage: 'validate', diagnostics: report.diagnostics };
  const plans: EnginePlan[] = [];
  const failures: Diagnostic[] = [];
  for (const engine of report.engines) {
    const planned = await planOneEngine(report.repository, engine, options);
    if ('plan' in planned) plans.push(planned.plan);
    else failures.push(planned.diagnostic);
  }
  if (failures.length > 0) return { ok: false, stage: 'live', diagnostics: failures };
  return { ok: true, plan: planAll(plans), repository: report.repository, engines: report.engines, diagnostics: report.diagnostics };
}

async function planOneEngine(repository: Repository, engine: EngineSpec, options: PlanRunOptions): Promise<{ plan: EnginePlan } | { diagnostic: Diagnostic }> {
  try {
    const connection = await openEngine(engine, options.root, options.client);
    try {
      const live = await readLiveState(connection.client, engine);
      return { plan: planEngine(resolveDesired(repository, engine), live, { normalize: normalizeStatement }) };
    } finally {
      await connection.close();
    }
  } catch (error) {
    return { diagnostic: liveError(engine, error) };
  }
}

/** A failure to reach or read the live engine, as a diagnostic on the engine file. */
export function liveError(engine: EngineSpec, error: unknown): Diagnostic {
  if (error instanceof AgentCoreError) {
    return { severity: 'error', code: `aws/${error.code}`, message: `engine ${engine.name}: ${error.message}`, file: engine.file };
  }
  throw error;
}
