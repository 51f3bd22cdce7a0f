// The apply pipeline shared by the CLI and the action: get a plan (read a saved one, or plan now and ask for
// approval), refuse it if it has errors, connect to every engine it changes and take its apply lock (lock.ts: one
// apply at a time per engine), refuse the whole apply if any live state moved since the plan (saying what moved),
// then execute engine by engine; the first failure stops the apply. The locks go when the apply ends.
// A plan made now that went stale while it waited for approval still goes ahead if planning again gives exactly the
// approved steps (a policy that was CREATING is now ACTIVE, say): what runs is what was approved.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AgentCoreError, findEngineByName, readLiveState, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import { openEngine } from '../local/connect.js';
import { executeEnginePlan } from '../apply/execute.js';
import { lockEngine, lockOnCreate, type EngineLock } from '../apply/lock.js';
import type { ApplyOperations } from '../apply/operations.js';
import type { ProgressEvent } from '../plan/apply-report.js';
import { finishedReport, notAttempted, refusedReport, type ApplyReport, type EngineReport } from '../plan/apply-report.js';
import { sdkOperations } from '../apply/sdk-operations.js';
import { sameSteps, staleDiagnostic } from '../apply/stale.js';
import type { Diagnostic, DiagnosticCode, EngineSpec, LiveState, Repository } from '../model.js';
import { phasesOf } from '../plan/phases.js';
import { planEngine } from '../plan/plan-engine.js';
import type { EnginePlan, Plan } from '../plan/types.js';
import { parsePlanJson } from '../render/plan-json.js';
import { normalizeStatement, resolveDesired } from '../repository/desired.js';
import { loadRepository } from '../repository/load.js';
import { liveError, runPlan } from './plan.js';

/** Terraform's default: ten operations in flight at once. */
export const DEFAULT_PARALLELISM = 10;

export interface ApplyRunOptions {
  root: string;
  /** Apply one engine only. */
  engine?: string;
  /** A saved plan (`plan --out`), relative to `root` unless absolute: applied exactly, without asking. */
  planFile?: string;
  client?: ClientOptions;
  parallelism?: number;
  /** Sees the plan made now (not a saved one), before anything is done. */
  onPlan?: (plan: Plan) => void;
  /** Asked before applying a plan made now that has changes; no answer (undefined) approves. */
  approve?: (plan: Plan) => Promise<boolean>;
  onProgress?: (event: ProgressEvent) => void;
}

export interface ApplyRun {
  report: ApplyReport;
  /** The plan that was (or would have been) applied, when one was read or made. */
  plan?: Plan;
}

/** `repository` is there when the plan was made now: a stale engine may then be planned again (see sameSteps). */
type Planned = { ok: true; plan: Plan; engines: EngineSpec[]; repository?: Repository } | { ok: false; diagnostics: Diagnostic[]; plan?: Plan };

export async function runApply(options: ApplyRunOptions): Promise<ApplyRun> {
  const planned = options.planFile ? await readSavedPlan(options, options.planFile) : await planNow(options);
  if (!planned.ok) return { report: refusedReport(planned.diagnostics), ...(planned.plan && { plan: planned.plan }) };
  const { plan } = planned;
  if (plan.errors.length > 0) {
    const blocked: Diagnostic = { severity: 'error', code: 'apply/plan-has-errors', message: 'the plan has errors, so it cannot be applied; fix them and plan again' };
    return { plan, report: refusedReport([...plan.errors, blocked]) };
  }
  if (!plan.hasChanges) return { plan, report: finishedReport(plan.engines.map(unchanged)) };
  if (!options.planFile && options.approve && !(await options.approve(plan))) {
    return { plan, report: refusedReport([{ severity: 'error', code: 'apply/not-approved', message: 'apply cancelled: the plan was not approved' }]) };
  }
  return { plan, report: await applyPlan(plan, planned, options) };
}

async function planNow(options: ApplyRunOptions): Promise<Planned> {
  const outcome = await runPlan({ root: options.root, engine: options.engine, client: options.client });
  if (!outcome.ok) return { ok: false, diagnostics: outcome.diagnostics };
  options.onPlan?.(outcome.plan);
  return { ok: true, plan: outcome.plan, engines: outcome.engines, repository: outcome.repository };
}

async function readSavedPlan(options: ApplyRunOptions, planFile: string): Promise<Planned> {
  const path = resolve(options.root, planFile);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    return refusal('apply/plan-file-unreadable', `cannot read the plan file ${planFile}: ${(error as Error).message}`, planFile);
  }
  const parsed = parsePlanJson(text, planFile);
  if (!parsed.ok) return { ok: false, diagnostics: [parsed.error] };
  const { repository } = await loadRepository(options.root);
  const wanted = parsed.plan.engines.filter((e) => options.engine === undefined || e.engine === options.engine);
  if (wanted.length === 0) return refusal('repository/unknown-engine', `the plan in ${planFile} has no engine named ${options.engine}`, planFile);
  const missing = wanted.filter((e) => !repository.engines.some((spec) => spec.name === e.engine));
  if (missing.length > 0) {
    const names = missing.map((e) => e.engine).join(', ');
    return refusal('repository/unknown-engine', `the plan names engine ${names}, which engines/ no longer declares (its region and endpoint are needed to apply)`, planFile);
  }
  const plan = options.engine === undefined ? parsed.plan : { ...parsed.plan, engines: wanted, hasChanges: wanted.some(changes) };
  return { ok: true, plan, engines: repository.engines };
}

function refusal(code: DiagnosticCode, message: string, file: string): Planned {
  return { ok: false, diagnostics: [{ severity: 'error', code, message, file }] };
}

const changes = (engine: EnginePlan) => engine.changes.some((c) => c.action !== 'no-op');

function unchanged(engine: EnginePlan): EngineReport {
  return { engine: engine.engine, file: engine.file, outcome: 'no-changes', steps: [] };
}

interface Target {
  plan: EnginePlan;
  connection: EngineConnection;
  live: LiveState;
  spec: EngineSpec;
  /** Taken before the live state was read; for an engine still to be created, once it is. */
  lock?: EngineLock;
  /** The plan to execute when `plan` went stale but planning again gives the very same steps. */
  executed?: EnginePlan;
}

function replan(repository: Repository, target: Target): EnginePlan {
  return planEngine(resolveDesired(repository, target.spec), target.live, { normalize: normalizeStatement });
}

async function applyPlan(plan: Plan, planned: Planned & { ok: true }, options: ApplyRunOptions): Promise<ApplyReport> {
  const targets: Target[] = [];
  const problems: Diagnostic[] = [];
  try {
    for (const enginePlan of plan.engines.filter(changes)) {
      const spec = planned.engines.find((s) => s.name === enginePlan.engine)!;
      const opened = await openTarget(enginePlan, spec, options);
      if ('diagnostic' in opened) problems.push(opened.diagnostic);
      else targets.push(opened.target);
    }
    for (const target of targets) {
      const stale = staleDiagnostic(target.plan, target.live);
      const again = stale && planned.repository ? replan(planned.repository, target) : undefined;
      if (again && sameSteps(target.plan, again)) target.executed = again;
      else if (stale) problems.push(stale);
    }
    const report = problems.length > 0 ? refusedReport(problems) : await execute(plan, targets, options);
    const unreleased = await releaseLocks(targets);
    return { ...report, diagnostics: [...report.diagnostics, ...unreleased] };
  } finally {
    // An apply cut short by an exception still gives its engines back.
    await releaseLocks(targets);
    await Promise.all(targets.map((t) => t.connection.close()));
  }
}

async function openTarget(plan: EnginePlan, spec: EngineSpec, options: ApplyRunOptions): Promise<{ target: Target } | { diagnostic: Diagnostic }> {
  let connection: EngineConnection | undefined;
  let lock: EngineLock | undefined;
  try {
    connection = await openEngine(spec, options.root, options.client);
    const engine = await findEngineByName(connection.client, spec.name);
    if (engine) {
      const taken = await lockEngine(connection, { policyEngineId: engine.policyEngineId, name: spec.name, file: spec.file });
      if ('diagnostic' in taken) {
        await connection.close();
        return taken;
      }
      lock = taken.lock;
    }
    const live = await readLiveState(connection.client, spec);
    return { target: { plan, connection, live, spec, ...(lock && { lock }) } };
  } catch (error) {
    await lock?.release();
    await connection?.close();
    return { diagnostic: liveError(spec, error) };
  }
}

/** Warnings for the locks that could not be deleted. */
async function releaseLocks(targets: Target[]): Promise<Diagnostic[]> {
  const warnings = await Promise.all(targets.map((t) => t.lock?.release()));
  return warnings.filter((w): w is Diagnostic => w !== undefined);
}

/** The operations for one engine; for an engine still to be created, they take its lock right after creating it. */
function operationsFor(target: Target): ApplyOperations {
  const ops = sdkOperations(target.connection, target.live.policies.length);
  if (target.lock) return ops;
  const { spec } = target;
  return lockOnCreate(ops, async (engine) => {
    const taken = await lockEngine(target.connection, { policyEngineId: engine.policyEngineId, name: spec.name, file: spec.file });
    if ('diagnostic' in taken) throw new AgentCoreError('Conflict', taken.diagnostic.message);
    target.lock = taken.lock;
  });
}

async function execute(plan: Plan, targets: Target[], options: ApplyRunOptions): Promise<ApplyReport> {
  const reports: EngineReport[] = [];
  let failed = false;
  for (const enginePlan of plan.engines) {
    const target = targets.find((t) => t.plan === enginePlan);
    if (!target) reports.push(unchanged(enginePlan));
    else if (failed) reports.push(skipped(enginePlan));
    else {
      const report = await executeEnginePlan(target.executed ?? enginePlan, operationsFor(target), { parallelism: options.parallelism ?? DEFAULT_PARALLELISM, onProgress: options.onProgress });
      failed = report.outcome === 'failed';
      reports.push(report);
    }
  }
  return finishedReport(reports);
}

/** An engine left alone because an earlier one failed. */
function skipped(plan: EnginePlan): EngineReport {
  const steps = phasesOf(plan).flatMap((phase) => phase.steps.map((step) => notAttempted(phase.name, step)));
  return { engine: plan.engine, file: plan.file, outcome: 'not-attempted', steps };
}
