// Executes one engine's plan, phase by phase (phasesOf), so access is never wider in between than before or after:
// the steps of a phase are issued with bounded concurrency, then every one must settle (ACTIVE, READY or gone)
// before the next phase starts. The first failure (a refused call, or a CREATE_FAILED/UPDATE_FAILED) lets the steps
// already in flight finish and starts nothing more; every step is reported done, failed or not attempted.
import { AgentCoreError } from '../agentcore/index.js';
import { notAttempted, stepIdentity, type EngineReport, type ProgressEvent, type StepIdentity, type StepResult } from '../plan/apply-report.js';
import { phasesOf, type PhaseName, type Step } from '../plan/phases.js';
import type { EnginePlan } from '../plan/types.js';
import type { ApplyOperations, EngineRef, IssuedStep, Waitable } from './operations.js';
import { runBounded } from './pool.js';

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

/** One step of a wave, from launch to result: the one record the executor keeps per step. */
interface Launched {
  step: Step;
  /** How the report names the step; its target is added once the service has answered. */
  identity: StepIdentity;
  /** What the step left to wait for, once started. */
  wait?: Waitable;
  result?: StepResult;
}

async function runWave(run: Run, phase: PhaseName, wave: Step[]): Promise<void> {
  const launched: Launched[] = wave.map((step) => ({ step, identity: stepIdentity(phase, step) }));
  await runBounded(launched, run.options.parallelism, (entry) => launch(run, entry), () => run.failed);
  await settleAll(run, launched.flatMap((entry) => (entry.wait && !entry.result ? [{ entry, wait: entry.wait }] : [])));
  for (const entry of launched) run.results.push(entry.result ?? notAttempted(phase, entry.step));
}

/** Issues one step's mutation; a refusal fails the step (and the apply), anything else unexpected propagates. */
async function launch(run: Run, entry: Launched): Promise<void> {
  try {
    const started = await run.ops.start(issued(run, entry.step), run.engine);
    if (started.engine) run.engine = started.engine;
    if (entry.step.type === 'create-policy' && started.target) run.created.set(entry.step.name, started.target);
    if (started.target !== undefined) entry.identity = { ...entry.identity, target: started.target };
    if (started.wait) entry.wait = started.wait;
    else finish(run, entry, { status: 'done', reasons: [] });
  } catch (error) {
    if (!(error instanceof AgentCoreError)) throw error;
    run.failed = true;
    finish(run, entry, { status: 'failed', reasons: [], error: errorOf(error) });
  }
}

function finish(run: Run, entry: Launched, outcome: Pick<StepResult, 'status' | 'reasons' | 'error'>): void {
  const result: StepResult = { ...entry.identity, ...outcome };
  entry.result = result;
  run.finished++;
  run.options.onProgress?.({ kind: 'step', engine: run.plan.engine, result, finished: run.finished, total: run.total });
}

/** Waits for every started step of the wave; each is reported as it settles. */
async function settleAll(run: Run, waiting: { entry: Launched; wait: Waitable }[]): Promise<void> {
  if (waiting.length === 0) return;
  try {
    await run.ops.settle(
      run.engine,
      waiting.map((w) => w.wait),
      (i, settlement) => {
        const entry = waiting[i]?.entry;
        if (!entry || entry.result) return;
        if (settlement.ok) return finish(run, entry, { status: 'done', reasons: [] });
        run.failed = true;
        finish(run, entry, { status: 'failed', reasons: settlement.reasons, error: { code: settlement.status, message: `ended ${settlement.status}` } });
      },
    );
  } catch (error) {
    if (!(error instanceof AgentCoreError)) throw error;
    run.failed = true;
    for (const { entry } of waiting) if (!entry.result) finish(run, entry, { status: 'failed', reasons: [], error: errorOf(error) });
  }
  const unreported = waiting.filter(({ entry }) => !entry.result).length;
  if (unreported > 0) throw new Error(`settle returned with ${unreported} step(s) unreported`);
}

function issued(run: Run, step: Step): IssuedStep {
  if (step.type !== 'delete-policy') return step;
  const policyId = step.policyId ?? run.created.get(step.name);
  // phasesOf puts a copy's create phases before its delete, and a failed phase stops the apply.
  if (policyId === undefined) throw new Error(`${step.name} is to be deleted by the id its creation returned, but this apply did not create it`);
  return { ...step, policyId };
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
