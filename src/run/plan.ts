// The plan pipeline shared by the CLI and the action: validate the repository once (a repository that fails never
// plans), then for every selected engine at once read the live state and compute the pure plan, then gather. An
// engine whose live state cannot be read gets a section of its own holding the error, and the others are still
// planned. Recorded decisions are read last (replay.ts): a promotion's evidence, and the replay when asked. Like
// changesets' get-release-plan, this is the short composer that wires the effectful edges (files, AWS) to the pure
// core.
import { AgentCoreError, readLiveState, type ClientOptions } from '../agentcore/index.js';
import { openEngine } from '../local/connect.js';
import { analyzeAccess } from './access.js';
import { checkSchemaDrift } from './schema-drift.js';
import { DEFAULT_REPLAY, replayPlan, type ReplayOptions } from './replay.js';
import type { Diagnostic, EngineSpec, Repository } from '../model.js';
import { planAll, unreachableEngine } from '../plan/plan-all.js';
import { planEngine } from '../plan/plan-engine.js';
import type { EnginePlan, Plan } from '../plan/types.js';
import { resolveDesired } from '../repository/desired.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { PLAN_OPTIONS } from './plan-options.js';

export interface PlanRunOptions {
  root: string;
  /** The engines to plan, by name; all when empty or absent. */
  engines?: readonly string[];
  client?: ClientOptions;
  /** Replay of recorded decisions (`--replay`), and how far back promotions look for evidence (run/replay.ts). */
  replay?: Partial<ReplayOptions>;
}

/** `diagnostics` are validation's (warnings, when it passed); the plan's own errors are in the plan. */
export type PlanOutcome =
  | { ok: true; plan: Plan; repository: Repository; engines: EngineSpec[]; diagnostics: Diagnostic[] }
  | { ok: false; stage: 'validate'; repository: Repository; diagnostics: Diagnostic[] };

export async function runPlan(options: PlanRunOptions): Promise<PlanOutcome> {
  const report = await validateRepository(options.root, { engines: options.engines ?? [] });
  if (hasErrors(report.diagnostics)) return { ok: false, stage: 'validate', repository: report.repository, diagnostics: report.diagnostics };
  const plans = await Promise.all(report.engines.map((engine) => planOneEngine(report.repository, engine, options)));
  return { ok: true, plan: planAll(plans), repository: report.repository, engines: report.engines, diagnostics: report.diagnostics };
}

async function planOneEngine(repository: Repository, engine: EngineSpec, options: PlanRunOptions): Promise<EnginePlan> {
  try {
    const connection = await openEngine(engine, options.root, options.client);
    try {
      const live = await readLiveState(connection.client, engine);
      const desired = resolveDesired(repository, engine);
      const planned = analyzeAccess(checkSchemaDrift(planEngine(desired, live, PLAN_OPTIONS), desired, live), engine);
      return await replayPlan(planned, engine, options.root, options.client ?? {}, { ...DEFAULT_REPLAY, ...options.replay });
    } finally {
      await connection.close();
    }
  } catch (error) {
    return unreachableEngine(engine, liveError(engine, error));
  }
}

/** A failure to reach or read the live engine, as a diagnostic on the engine file. */
export function liveError(engine: EngineSpec, error: unknown): Diagnostic {
  if (error instanceof AgentCoreError) {
    return { severity: 'error', code: `aws/${error.code}`, message: error.message, file: engine.file, engine: engine.name };
  }
  throw error;
}
