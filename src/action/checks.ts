// The checks of a run, as the CLI's commands make them: `validate` and `test` read files only (no credentials, no
// endpoint); a pull request's full check plans the selected engines through the same composer as `plan` and runs
// the authorization tests over the repository that validated, so the repository is read and validated once.
import type { ClientOptions } from '../agentcore/index.js';
import type { Diagnostic } from '../model.js';
import type { Plan } from '../plan/types.js';
import { runPlan } from '../run/plan.js';
import { runTests, type TestReport } from '../testing/run-tests.js';
import { hasErrors, validateRepository } from '../validation/validate.js';

export interface ChecksResult {
  diagnostics: Diagnostic[];
  /** Absent when the tests did not run: not asked for, or the repository does not validate. */
  tests?: TestReport;
  /** The checked engines that are not `endpoint: local`, by name: what a workflow plans and applies, one job each
   * (the `engines` output). Set by `validate` and `test`. */
  remoteEngines?: string[];
}

export async function runChecks(root: string, engines: string[], options: { tests: boolean }): Promise<ChecksResult> {
  const report = await validateRepository(root, { engines });
  const remoteEngines = report.engines.filter((engine) => engine.endpoint !== 'local').map((engine) => engine.name);
  if (!options.tests || hasErrors(report.diagnostics)) return { diagnostics: report.diagnostics, remoteEngines };
  return { diagnostics: report.diagnostics, tests: runTests(report.repository, report.engines), remoteEngines };
}

/** The plan (with a section for any engine that could not be read) and the checks beside it. The recorded requests
 * of every engine that has a decision source are replayed against the plan (docs/replay.md). */
export async function runPlanChecks(root: string, engines: string[], client: ClientOptions): Promise<{ checks: ChecksResult; plan?: Plan }> {
  const outcome = await runPlan({ root, engines, client, replay: { replay: 'when-available' } });
  if (!outcome.ok) return { checks: { diagnostics: outcome.diagnostics } };
  return { checks: { diagnostics: outcome.diagnostics, tests: runTests(outcome.repository, outcome.engines) }, plan: outcome.plan };
}
