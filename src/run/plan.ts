// The plan pipeline shared by the CLI and the action: validate the repository once (a repository that fails never
// plans) while the live state of every selected engine is read (live-reads.ts: the reads start once the engine files
// are read, and are dropped if validation fails), then compute each engine's pure plan, then gather. An
// engine whose live state cannot be read gets a section of its own holding the error, and the others are still
// planned. Recorded decisions are read last (replay.ts): a promotion's evidence, and the replay when asked. Like
// changesets' get-release-plan, this is the short composer that wires the effectful edges (files, AWS) to the pure
// core.
import { AgentCoreError, type ClientOptions } from '../agentcore/index.js';
import { analyzeAccess } from './access.js';
import { EarlyReads, type LiveRead } from './live-reads.js';
import { checkSchemaDrift } from './schema-drift.js';
import { DEFAULT_REPLAY, replayPlan, type ReplayOptions } from './replay.js';
import type { Diagnostic, EngineSpec, Repository } from '../model.js';
import { planAll, unreachableEngine } from '../plan/plan-all.js';
import { withAccess } from '../plan/access-flags.js';
import { planSection } from '../plan/plan-engine.js';
import type { EnginePlan, Plan } from '../plan/types.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { planInputs } from './plan-options.js';

export interface PlanRunOptions {
  root: string;
  /** The engines to plan, by name; all when empty or absent. */
  engines?: readonly string[];
  client?: ClientOptions;
  /** Replay of recorded decisions (`--replay`), and how far back promotions look for evidence (run/replay.ts). */
  replay?: Partial<ReplayOptions>;
  /** false: the plan without its access analysis (what the bench sets the analysis against); on by default. */
  accessAnalysis?: boolean;
}

/** `diagnostics` are validation's (warnings, when it passed); the plan's own errors are in the plan. */
export type PlanOutcome =
  | { ok: true; plan: Plan; repository: Repository; engines: EngineSpec[]; diagnostics: Diagnostic[] }
  | { ok: false; stage: 'validate'; repository: Repository; diagnostics: Diagnostic[] };

export async function runPlan(options: PlanRunOptions): Promise<PlanOutcome> {
  const reads = new EarlyReads(options.root, options.client, options.engines);
  const report = await validateRepository(options.root, { engines: options.engines ?? [], onEngines: (engines) => reads.start(engines) });
  if (hasErrors(report.diagnostics)) {
    await reads.discard();
    return { ok: false, stage: 'validate', repository: report.repository, diagnostics: report.diagnostics };
  }
  const plans = await Promise.all(report.engines.map((engine) => planOneEngine(report.repository, engine, options, reads.take(engine))));
  return { ok: true, plan: planAll(plans), repository: report.repository, engines: report.engines, diagnostics: report.diagnostics };
}

async function planOneEngine(repository: Repository, engine: EngineSpec, options: PlanRunOptions, read: Promise<LiveRead>): Promise<EnginePlan> {
  try {
    const { connection, live } = await read;
    try {
      const { desired, options: planOptions } = planInputs(repository, engine, live);
      const section = checkSchemaDrift(planSection(desired, live, planOptions), desired, live);
      const planned = options.accessAnalysis === false ? withAccess(section, [], () => undefined) : analyzeAccess(section, engine);
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
