// Apply for the selected engines, as the CLI's `apply --auto-approve` does it (the review happened on the pull
// request, and the workflow's protected environment gates the job): one run per selected engine, or one for all,
// stopping at the first engine that fails or is refused, like the CLI does across engines.
import type { ProgressEvent } from '../plan/apply-report.js';
import { countSteps, type ApplyReport, type ApplyStatus } from '../plan/apply-report.js';
import type { ClientOptions } from '../agentcore/index.js';
import type { Diagnostic } from '../model.js';
import { planAll } from '../plan/plan-all.js';
import type { Plan } from '../plan/types.js';
import { runApply, type ApplyRun } from '../run/apply.js';
import { succeeded } from './outcome.js';

export interface ApplyRunsOptions {
  root: string;
  engines: string[];
  client: ClientOptions;
  onPlan?: (plan: Plan) => void;
  onProgress?: (event: ProgressEvent) => void;
}

export async function runApplies(options: ApplyRunsOptions): Promise<ApplyRun> {
  const { engines, ...rest } = options;
  const runs: ApplyRun[] = [];
  for (const engine of engines.length > 0 ? engines : [undefined]) {
    const run = await runApply({ ...rest, ...(engine !== undefined && { engine }) });
    runs.push(run);
    if (!succeeded(run.report.status)) break;
  }
  return mergeApplyRuns(runs, engines.slice(runs.length));
}

/** One report for several engine runs. Anything done before a refusal makes the whole a failure: it is not true
 * that nothing changed. Engines left out after a failure are named. */
export function mergeApplyRuns(runs: ApplyRun[], skipped: string[] = []): ApplyRun {
  if (runs.length === 1 && skipped.length === 0) return runs[0]!;
  const engines = runs.flatMap((r) => r.report.engines);
  const counts = countSteps(engines);
  const statuses = runs.map((r) => r.report.status);
  const notApplied: Diagnostic[] = skipped.map((name) => ({ severity: 'error', code: 'apply/not-attempted', message: `engine ${name} was not applied: an earlier engine did not apply` }));
  const report: ApplyReport = {
    formatVersion: runs[0]!.report.formatVersion,
    status: statusOf(statuses, counts.done > 0),
    diagnostics: [...runs.flatMap((r) => r.report.diagnostics), ...notApplied],
    engines,
    counts,
  };
  const plans = runs.flatMap((r) => (r.plan ? r.plan.engines : []));
  return { report, ...(plans.length > 0 && { plan: planAll(plans) }) };
}

function statusOf(statuses: ApplyStatus[], anythingDone: boolean): ApplyStatus {
  if (statuses.includes('failed') || (statuses.includes('refused') && anythingDone)) return 'failed';
  if (statuses.includes('refused')) return 'refused';
  return statuses.includes('applied') ? 'applied' : 'no-changes';
}
