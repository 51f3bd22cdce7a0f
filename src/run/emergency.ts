// `emergency engage|disengage`: switches one emergency-group policy live at once, outside the pull-request flow.
// It plans the repository as if the switch were made, keeps only that policy's change, and executes it with the
// same phase rules as apply; engaging records the reason in the live description (a disengaged policy is deleted
// live, so nothing live can hold that reason). It then makes the manifest change, with the reason as a comment on
// the `enabled` line, and prints it or (`write`) writes it, since until it is committed an apply of the repository
// as it stands undoes the switch.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readLiveState, type ClientOptions, type EngineConnection } from '../agentcore/index.js';
import { openEngine } from '../local/connect.js';
import { findEmergencyPolicy, onlyPolicy, switched, type EmergencyAction } from '../plan/emergency.js';
import { executeEnginePlan } from '../apply/execute.js';
import { setEnabled, unifiedDiff } from '../repository/manifest-edit.js';
import type { ProgressEvent } from '../plan/apply-report.js';
import { finishedReport, refusedReport, type ApplyReport } from '../plan/apply-report.js';
import { sdkOperations } from '../apply/sdk-operations.js';
import type { Diagnostic, PolicySpec } from '../model.js';
import { planEngine } from '../plan/plan-engine.js';
import { resolveDesired } from '../repository/desired.js';
import { loadRepository } from '../repository/load.js';
import { policiesOf } from '../repository/membership.js';
import { liveError } from './plan.js';
import { PLAN_OPTIONS } from './plan-options.js';

export interface EmergencyRunOptions {
  root: string;
  action: EmergencyAction;
  name: string;
  engine: string;
  reason: string;
  /** Write the manifest change into the repository, rather than only returning it. */
  write?: boolean;
  client?: ClientOptions;
  onProgress?: (event: ProgressEvent) => void;
}

export interface EmergencyRun {
  report: ApplyReport;
  /** The manifest edit to commit so the next apply keeps the switch, and whether it was written; absent when the
   * manifest already says so. */
  manifest?: { file: string; diff: string[]; written: boolean };
}

export async function runEmergency(options: EmergencyRunOptions): Promise<EmergencyRun> {
  const refused = (diagnostic: Diagnostic): EmergencyRun => ({ report: refusedReport([diagnostic]) });
  if (options.reason.trim() === '') return refused({ severity: 'error', code: 'emergency/no-reason', message: 'say why with --reason; it is recorded with the change' });
  const { repository, diagnostics } = await loadRepository(options.root);
  const engine = repository.engines.find((e) => e.name === options.engine);
  if (!engine) {
    const broken = diagnostics.filter((d) => d.severity === 'error');
    return { report: refusedReport([...broken, { severity: 'error', code: 'repository/unknown-engine', message: `no engine named ${options.engine} in engines/` }]) };
  }
  const found = findEmergencyPolicy(repository, engine, policiesOf(repository, engine), options.name);
  if ('diagnostic' in found) return refused(found.diagnostic);
  const { policy } = found;

  let connection: EngineConnection | undefined;
  try {
    connection = await openEngine(engine, options.root, options.client);
    const live = await readLiveState(connection.client, engine);
    if (!live.engine) {
      return refused({ severity: 'error', code: 'emergency/engine-missing', message: `engine ${engine.name} does not exist live yet; apply the repository first`, file: engine.file });
    }
    const desired = resolveDesired(switched(repository, policy, options.action, options.reason), engine);
    const plan = onlyPolicy(planEngine(desired, live, PLAN_OPTIONS), policy);
    if (plan.errors.length > 0) return { report: refusedReport(plan.errors) };
    const ops = sdkOperations(connection, live.policies.length);
    const report = finishedReport([await executeEnginePlan(plan, ops, { parallelism: 1, onProgress: options.onProgress })]);
    const manifest = report.status === 'failed' ? undefined : await manifestChange(options.root, policy, options);
    return { report, ...(manifest && { manifest }) };
  } catch (error) {
    return refused(liveError(engine, error));
  } finally {
    await connection?.close();
  }
}

async function manifestChange(root: string, policy: PolicySpec, options: EmergencyRunOptions): Promise<EmergencyRun['manifest']> {
  const enabled = options.action === 'engage';
  if (policy.enabled === enabled) return undefined;
  const file = policy.declaredAt.file;
  const before = await readFile(join(root, file), 'utf8');
  const edited = setEnabled(before, policy.name, enabled, `${enabled ? 'engaged' : 'disengaged'}: ${options.reason}`);
  if (!edited.ok) throw new Error(`${file}: ${edited.message}`);
  if (options.write) await writeFile(join(root, file), edited.text);
  return { file, diff: unifiedDiff(file, before, edited.text), written: options.write === true };
}
