// Executes one engine's plan, phase by phase (phasesOf), so access is never wider in between than before or after:
// the steps of a phase are issued with bounded concurrency, then every one must settle (ACTIVE, READY or gone)
// before the next phase starts. The first failure (a refused call, or a CREATE_FAILED/UPDATE_FAILED) lets the steps
// already in flight finish and starts nothing more; every step is reported done, failed or not attempted.
import { AgentCoreError } from '../agentcore/index.js';
import { phasesOf, type PhaseName, type Step } from '../plan/phases.js';
import type { EnginePlan } from '../plan/types.js';
import type { ApplyOperations, EngineRef, IssuedStep, Started, Waitable } from './operations.js';
import { runBounded } from './pool.js';
import type { ProgressEvent } from '../plan/apply-report.js';
import { notAttempted, stepIdentity, type EngineReport, type StepResult } from '../plan/apply-report.js';

export interface ExecuteOptions {
  /** Mutations in flight at once within a phase. */
  parallelism: number;
  onProgress?: (event: ProgressEvent) => void;
}

export async function executeEnginePlan(plan: EnginePlan, ops: ApplyOperations, options: ExecuteOptions): Promise<EngineReport> {
  const phases = phasesOf(plan);
  const total = phases.reduce((n, p) => n + p.steps.length, 0);
  const run: Run = { engine: engineRefOf(plan), failed: false, finished: 0, total, plan, ops, options, results: [], created: new Map() };
  for (const phase of phases) {
    if (run.failed) {
      run.results.push(...phase.steps.map((step) => notAttempted(phase.name, step)));
      continue;
    }
    options.onProgress?.({ kind: 'phase', engine: plan.engine, phase: phase.name, why: phase.why, steps: phase.steps.length });
    for (const wave of wavesOf(phase.steps)) {
      if (run.failed) run.results.push(...wave.map((step) => notAttempted(phase.name, step)));
      else await runWave(run, phase.name, wave);
    }
  }
  const outcome = run.failed ? 'failed' : total === 0 ? 'no-changes' : 'applied';
  return { engine: plan.engine, file: plan.file, outcome, steps: run.results };
}

interface Run {
  engine: EngineRef | undefined;
  failed: boolean;
  finished: number;
  total: number;
  plan: EnginePlan;
  ops: ApplyOperations;
  options: ExecuteOptions;
  results: StepResult[];
  /** Policies created so far, name to id: a temporary forbid copy is deleted by the id its creation returned. */
  created: Map<string, string>;
}

/** Names are unique live: a delete that frees a name created again in the same phase (a failed create being
 * replaced) runs and settles first. */
export function wavesOf(steps: Step[]): Step[][] {
  const created = new Set(steps.filter((s) => s.type === 'create-policy').map((s) => s.name));
  const first = steps.filter((s) => s.type === 'delete-policy' && created.has(s.name));
  const rest = steps.filter((s) => !first.includes(s));
  return [first, rest].filter((wave) => wave.length > 0);
}

type Launch = { started: Started } | { error: AgentCoreError };

async function runWave(run: Run, phase: PhaseName, wave: Step[]): Promise<void> {
  const launches = await runBounded(
    wave,
    run.options.parallelism,
    async (step): Promise<Launch> => {
      try {
        const started = await run.ops.start(issued(run, step), run.engine);
        if (started.engine) run.engine = started.engine;
        if (step.type === 'create-policy' && started.target) run.created.set(step.name, started.target);
        return { started };
      } catch (error) {
        if (!(error instanceof AgentCoreError)) throw error;
        run.failed = true;
        return { error };
      }
    },
    () => run.failed,
  );
  const results: (StepResult | undefined)[] = wave.map(() => undefined);
  const finish = (index: number, result: StepResult) => {
    results[index] = result;
    run.finished++;
    run.options.onProgress?.({ kind: 'step', engine: run.plan.engine, result, finished: run.finished, total: run.total });
  };
  const waiting: { index: number; wait: Waitable }[] = [];
  launches.forEach((launch, index) => {
    const identity = stepIdentity(phase, wave[index]!);
    if (!launch) return;
    if ('error' in launch) finish(index, { ...identity, status: 'failed', reasons: [], error: errorOf(launch.error) });
    else if (launch.started.wait) waiting.push({ index, wait: launch.started.wait });
    else finish(index, { ...withTarget(identity, launch.started), status: 'done', reasons: [] });
  });
  await settleAll(run, phase, wave, launches, waiting, finish);
  wave.forEach((step, index) => {
    run.results.push(results[index] ?? notAttempted(phase, step));
  });
}

async function settleAll(
  run: Run,
  phase: PhaseName,
  wave: Step[],
  launches: (Launch | undefined)[],
  waiting: { index: number; wait: Waitable }[],
  finish: (index: number, result: StepResult) => void,
): Promise<void> {
  if (waiting.length === 0) return;
  const pending = new Set(waiting.map((_, i) => i));
  const identityOf = (i: number) => {
    const { index } = waiting[i]!;
    return withTarget(stepIdentity(phase, wave[index]!), (launches[index] as { started: Started }).started);
  };
  try {
    await run.ops.settle(
      run.engine,
      waiting.map((w) => w.wait),
      (i, settlement) => {
        if (!pending.delete(i)) return;
        if (settlement.ok) finish(waiting[i]!.index, { ...identityOf(i), status: 'done', reasons: [] });
        else {
          run.failed = true;
          const error = { code: settlement.status, message: `ended ${settlement.status}` };
          finish(waiting[i]!.index, { ...identityOf(i), status: 'failed', reasons: settlement.reasons, error });
        }
      },
    );
  } catch (error) {
    if (!(error instanceof AgentCoreError)) throw error;
    run.failed = true;
    for (const i of pending) finish(waiting[i]!.index, { ...identityOf(i), status: 'failed', reasons: [], error: errorOf(error) });
    pending.clear();
  }
  if (pending.size > 0) throw new Error(`settle returned with ${pending.size} step(s) unreported`);
}

function issued(run: Run, step: Step): IssuedStep {
  if (step.type !== 'delete-policy') return step;
  const policyId = step.policyId ?? run.created.get(step.name);
  // phasesOf puts a copy's create phases before its delete, and a failed phase stops the apply.
  if (policyId === undefined) throw new Error(`${step.name} is to be deleted by the id its creation returned, but this apply did not create it`);
  return { ...step, policyId };
}

function withTarget<T extends { target?: string }>(identity: T, started: Started): T {
  return started.target === undefined ? identity : { ...identity, target: started.target };
}

function errorOf(error: AgentCoreError): { code: string; message: string } {
  return { code: error.code, message: error.message };
}

/** The live engine the plan was made against, if it existed. */
function engineRefOf(plan: EnginePlan): EngineRef | undefined {
  const change = plan.changes.find((c) => c.kind === 'engine');
  const before = change?.kind === 'engine' ? change.before : undefined;
  return before?.policyEngineId && before.arn ? { policyEngineId: before.policyEngineId, arn: before.arn } : undefined;
}
