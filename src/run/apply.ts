// The apply pipeline shared by the CLI and the action: get a plan (read a saved one, or plan now and ask for
// approval), refuse it if it has errors, connect to every engine it changes and take its apply lock (lock.ts: one
// apply at a time per engine), refuse the whole apply if any live state moved since the plan (saying what moved),
// then execute engine by engine; the first failure stops the apply. Every lock taken and connection opened is given
// back once, when the apply ends, however it ends.
// A plan made now that went stale while it waited for approval still goes ahead if planning again gives exactly the
// approved steps (a policy that was CREATING is now ACTIVE, say): what runs is what was approved.
// A saved plan is checked first as a file (its schema, and its digest: not edited since it was saved), then, under
// each engine's lock, against planning the repository again (verify-saved.ts): it runs only if it is exactly that
// plan, and what runs is the plan made now, never statements or ids read from the file.
import { open, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';
import { AgentCoreError, findEngineByName, readLiveState, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import { executeEnginePlan } from '../apply/execute.js';
import { lockEngine, lockOnCreate, type EngineLock } from '../apply/lock.js';
import type { ApplyOperations } from '../apply/operations.js';
import { sdkOperations } from '../apply/sdk-operations.js';
import { sameSteps, staleDiagnostic } from '../apply/stale.js';
import { savedPlanRefusal } from '../apply/verify-saved.js';
import { openEngine } from '../local/connect.js';
import type { Diagnostic, DiagnosticCode, EngineSpec, LiveState, Repository } from '../model.js';
import { finishedReport, notAttempted, refusedReport, type ApplyReport, type EngineReport, type ProgressEvent } from '../plan/apply-report.js';
import { editedParts } from '../plan/digest.js';
import { phasesOf } from '../plan/phases.js';
import { planEngine } from '../plan/plan-engine.js';
import type { EnginePlan, Plan } from '../plan/types.js';
import { parsePlanJson } from '../render/plan-json.js';
import { hasErrors, unknownEngine, validateRepository } from '../validation/validate.js';
import { liveError, runPlan } from './plan.js';
import { schemaDriftErrors } from './schema-drift.js';
import { planInputs } from './plan-options.js';

/** Terraform's default: ten operations in flight at once. */
export const DEFAULT_PARALLELISM = 10;

export interface ApplyRunOptions {
  root: string;
  /** The engines to apply, by name; all when empty or absent. */
  engines?: readonly string[];
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

/** A plan to apply, with the engine files it needs and the repository (validated) to plan again from: a saved
 * plan always is (verify-saved.ts), a plan made now when it went stale (see sameSteps). */
interface Planned {
  plan: Plan;
  specs: EngineSpec[];
  repository: Repository;
  /** Read from a file, not made by this apply. */
  saved: boolean;
}

type Refusal = { diagnostics: Diagnostic[]; plan?: Plan };

export async function runApply(options: ApplyRunOptions): Promise<ApplyRun> {
  const planned = options.planFile ? await readSavedPlan(options, options.planFile) : await planNow(options);
  if ('diagnostics' in planned) return { report: refusedReport(planned.diagnostics), ...(planned.plan && { plan: planned.plan }) };
  const { plan } = planned;
  if (plan.errors.length > 0) {
    const blocked: Diagnostic = { severity: 'error', code: 'apply/plan-has-errors', message: 'the plan has errors, so it cannot be applied; fix them and plan again' };
    return { plan, report: refusedReport([...plan.errors, blocked]) };
  }
  if (!plan.hasChanges) return { plan, report: finishedReport(plan.engines.map(unchanged)) };
  if (!options.planFile && options.approve && !(await options.approve(plan))) {
    return { plan, report: refusedReport([{ severity: 'error', code: 'apply/not-approved', message: 'apply cancelled: the plan was not approved' }]) };
  }
  return { plan, report: await applyPlan(planned, options) };
}

async function planNow(options: ApplyRunOptions): Promise<Planned | Refusal> {
  const outcome = await runPlan({ root: options.root, engines: options.engines ?? [], client: options.client });
  if (!outcome.ok) return { diagnostics: outcome.diagnostics };
  options.onPlan?.(outcome.plan);
  return { plan: outcome.plan, specs: outcome.engines, repository: outcome.repository, saved: false };
}

/** Larger than any plan of a real repository; a bigger file (or a device) is not read. */
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

async function readSavedPlan(options: ApplyRunOptions, planFile: string): Promise<Planned | Refusal> {
  const text = await readPlanFile(resolve(options.root, planFile));
  if (typeof text !== 'string') return refusal('apply/plan-file-unreadable', `cannot read the plan file ${planFile}: ${text.problem}`, planFile);
  const parsed = parsePlanJson(text, planFile);
  if (!parsed.ok) return { diagnostics: [parsed.error] };
  const edited = editedParts(parsed.plan);
  if (edited.length > 0) {
    const message =
      `the plan file was changed after it was saved: ${edited.join(', ')} no longer match${edited.length === 1 ? 'es' : ''} the digest recorded in it. ` +
      'apply runs a saved plan only as `plan --out` wrote it; plan again, and review that plan.';
    return refusal('apply/plan-file-edited', message, planFile);
  }
  const names = options.engines ?? [];
  const planned = parsed.plan.engines.map((e) => e.engine);
  const unknown = names.filter((name) => !planned.includes(name));
  if (unknown.length > 0) return refusal('repository/unknown-engine', `the plan in ${planFile}: ${unknown.map((name) => unknownEngine(name, planned)).join('; ')}`, planFile);
  const wanted = parsed.plan.engines.filter((e) => names.length === 0 || names.includes(e.engine));
  // Validated as plan validates it: apply plans the repository again to check the saved plan.
  const report = await validateRepository(options.root, { engines: wanted.map((e) => e.engine) });
  const { repository } = report;
  const missing = wanted.filter((e) => !repository.engines.some((spec) => spec.name === e.engine));
  if (missing.length > 0) {
    const named = missing.map((e) => e.engine).join(', ');
    return refusal('repository/unknown-engine', `the plan names engine ${named}, which engines/ no longer declares (its region and endpoint are needed to apply)`, planFile);
  }
  if (hasErrors(report.diagnostics)) return { diagnostics: report.diagnostics.filter((d) => d.severity === 'error') };
  const plan = names.length === 0 ? parsed.plan : { ...parsed.plan, engines: wanted, hasChanges: wanted.some(changes) };
  return { plan, specs: repository.engines, repository, saved: true };
}

/** The file's text, or why it was not read: only a regular file, and none larger than a plan can be. */
async function readPlanFile(path: string): Promise<string | { problem: string }> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(path, 'r');
    const stat = await handle.stat();
    if (!stat.isFile()) return { problem: 'it is not a regular file' };
    if (stat.size > MAX_PLAN_BYTES) return { problem: `it is ${stat.size} bytes, more than a plan can be (${MAX_PLAN_BYTES})` };
    return await handle.readFile('utf8');
  } catch (error) {
    return { problem: (error as Error).message };
  } finally {
    await handle?.close();
  }
}

function refusal(code: DiagnosticCode, message: string, file: string): Refusal {
  return { diagnostics: [{ severity: 'error', code, message, file }] };
}

const changes = (engine: EnginePlan) => engine.changes.some((c) => c.action !== 'no-op');

function unchanged(engine: EnginePlan): EngineReport {
  return { engine: engine.engine, file: engine.file, outcome: 'no-changes', steps: [] };
}

/** An engine opened for apply: its connection, the live state read under its lock, and the plan to execute. */
interface Target {
  plan: EnginePlan;
  spec: EngineSpec;
  connection: EngineConnection;
  live: LiveState;
}

/** A target that passed its stale check, and the plan it executes. */
interface Ready {
  target: Target;
  execute: EnginePlan;
}

/** What an apply holds until it ends: the connections it opened and the locks it took. */
class Holdings {
  private readonly connections: EngineConnection[] = [];
  private readonly locks: EngineLock[] = [];

  connection(connection: EngineConnection): EngineConnection {
    this.connections.push(connection);
    return connection;
  }

  lock(lock: EngineLock): void {
    this.locks.push(lock);
  }

  /** Releases every lock, then closes every connection; warnings for the locks that could not be deleted. */
  async release(): Promise<Diagnostic[]> {
    const warnings = await Promise.all(this.locks.map((lock) => lock.release()));
    await Promise.all(this.connections.map((connection) => connection.close()));
    return warnings.filter((w): w is Diagnostic => w !== undefined);
  }
}

async function applyPlan(planned: Planned, options: ApplyRunOptions): Promise<ApplyReport> {
  const held = new Holdings();
  let report: ApplyReport;
  let unreleased: Diagnostic[];
  try {
    report = await openAndExecute(planned, options, held);
  } finally {
    // An apply cut short by an exception still gives its engines back (and then rethrows).
    unreleased = await held.release();
  }
  return { ...report, diagnostics: [...report.diagnostics, ...unreleased] };
}

async function openAndExecute(planned: Planned, options: ApplyRunOptions, held: Holdings): Promise<ApplyReport> {
  const targets: Target[] = [];
  const problems: Diagnostic[] = [];
  for (const plan of planned.plan.engines.filter(changes)) {
    const spec = planned.specs.find((s) => s.name === plan.engine);
    const opened = spec ? await openTarget(plan, spec, options, held) : { diagnostic: notDeclared(plan) };
    if ('diagnostic' in opened) problems.push(opened.diagnostic);
    else targets.push(opened);
  }
  const ready: Ready[] = [];
  for (const target of targets) {
    const checked = current(target, planned);
    if ('diagnostics' in checked) problems.push(...checked.diagnostics);
    else ready.push(checked);
  }
  if (problems.length > 0) return refusedReport(problems);
  return execute(planned.plan, ready, options, held);
}

function notDeclared(plan: EnginePlan): Diagnostic {
  return { severity: 'error', code: 'repository/unknown-engine', message: `the plan names engine ${plan.engine}, which engines/ does not declare`, file: plan.file };
}

/** Connects, takes the engine's lock when the engine exists (one still to be created is locked once created),
 * then reads the live state the stale check compares with. */
async function openTarget(plan: EnginePlan, spec: EngineSpec, options: ApplyRunOptions, held: Holdings): Promise<Target | { diagnostic: Diagnostic }> {
  try {
    const connection = held.connection(await openEngine(spec, options.root, options.client));
    const engine = await findEngineByName(connection.client, spec.name);
    if (engine) {
      const taken = await lockEngine(connection, { policyEngineId: engine.policyEngineId, name: spec.name, file: spec.file });
      if ('diagnostic' in taken) return taken;
      held.lock(taken.lock);
    }
    return { plan, spec, connection, live: await readLiveState(connection.client, spec) };
  } catch (error) {
    return { diagnostic: liveError(spec, error) };
  }
}

/** The plan to execute for a target. A saved plan: the plan made now, when the file is exactly that plan. A plan
 * made by this apply: its own while the live state is as it saw it, or, when it went stale, a new plan that makes
 * exactly the same calls. */
function current(target: Target, planned: Planned): Ready | { diagnostics: Diagnostic[] } {
  const { desired, options } = planInputs(planned.repository, target.spec, target.live);
  // A gateway's tools may have changed since the plan: never start what the service would refuse.
  const drift = schemaDriftErrors(desired, target.live);
  if (drift.length > 0) return { diagnostics: drift };
  const again = () => planEngine(desired, target.live, options);
  if (planned.saved) {
    const now = again();
    const refused = savedPlanRefusal(target.plan, target.live, now);
    return refused.length > 0 ? { diagnostics: refused } : { target, execute: now };
  }
  const stale = staleDiagnostic(target.plan, target.live);
  if (!stale) return { target, execute: target.plan };
  const now = again();
  return sameSteps(target.plan, now) ? { target, execute: now } : { diagnostics: [stale] };
}

/** The operations for one engine; for an engine still to be created, they take its lock right after creating it. */
function operationsFor(target: Target, held: Holdings, lockedAlready: boolean): ApplyOperations {
  const ops = sdkOperations(target.connection, target.live.policies.length);
  if (lockedAlready) return ops;
  const { spec, connection } = target;
  return lockOnCreate(ops, async (engine) => {
    const taken = await lockEngine(connection, { policyEngineId: engine.policyEngineId, name: spec.name, file: spec.file });
    if ('diagnostic' in taken) throw new AgentCoreError('Conflict', taken.diagnostic.message);
    held.lock(taken.lock);
  });
}

async function execute(plan: Plan, ready: Ready[], options: ApplyRunOptions, held: Holdings): Promise<ApplyReport> {
  const reports: EngineReport[] = [];
  let failed = false;
  for (const enginePlan of plan.engines) {
    const entry = ready.find((r) => r.target.plan === enginePlan);
    if (!entry) reports.push(unchanged(enginePlan));
    else if (failed) reports.push(skipped(enginePlan));
    else {
      const ops = operationsFor(entry.target, held, entry.target.live.engine !== undefined);
      const report = await executeEnginePlan(entry.execute, ops, { parallelism: options.parallelism ?? DEFAULT_PARALLELISM, onProgress: options.onProgress });
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
