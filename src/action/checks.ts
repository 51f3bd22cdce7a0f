// The checks of a run, as the CLI's commands make them: `validate` and `test` read files only (no credentials, no
// endpoint); a pull request's full check plans the selected engines through the same composer as `plan` and runs
// the authorization tests over the repository that validated, so the repository is read and validated once.
import type { ClientOptions } from '../agentcore/index.js';
import type { AccessDiff, Diagnostic } from '../model.js';
import type { Plan } from '../plan/types.js';
import { diffWithBase } from '../run/diff.js';
import { runPlan } from '../run/plan.js';
import { runTests, type TestReport } from '../testing/run-tests.js';
import { hasErrors, validateRepository, type ValidationReport } from '../validation/validate.js';

export interface ChecksResult {
  diagnostics: Diagnostic[];
  /** Absent when the tests did not run: not asked for, or the repository does not validate. */
  tests?: TestReport;
  /** The checked engines that are not `endpoint: local`, by name: what a workflow plans and applies, one job each
   * (the `engines` output). Set by `validate` and `test`. */
  remoteEngines?: string[];
}

export async function runChecks(root: string, engines: string[], options: { tests: boolean }): Promise<ChecksResult> {
  return checksOf(await validateRepository(root, { engines }), options);
}

function checksOf(report: ValidationReport, options: { tests: boolean }): ChecksResult {
  const remoteEngines = report.engines.filter((engine) => engine.endpoint !== 'local').map((engine) => engine.name);
  if (!options.tests || hasErrors(report.diagnostics)) return { diagnostics: report.diagnostics, remoteEngines };
  return { diagnostics: report.diagnostics, tests: runTests(report.repository, report.engines), remoteEngines };
}

/** A fork's pull request: the checks of `test`, and the access difference with the pull request's `base` commit
 * (`diff --base`), or a warning saying why there is none (a base commit the checkout did not fetch is no failure). */
export async function runOfflineChecks(root: string, engines: string[], base: string | undefined): Promise<{ checks: ChecksResult; diff?: AccessDiff; diffWarning?: Diagnostic }> {
  const report = await validateRepository(root, { engines });
  const checks = checksOf(report, { tests: true });
  if (hasErrors(report.diagnostics)) return { checks };
  if (base === undefined) return { checks, diffWarning: notCompared('the event names no base commit') };
  const outcome = await diffWithBase(report, { root, base, engines });
  if (outcome.ok) return { checks, diff: outcome.diff };
  const [first] = outcome.diagnostics;
  const why = first ? `${first.file ? `${first.file}: ` : ''}${first.message}` : 'it cannot be read';
  // The base itself not there: the checkout fetched too little history.
  const unfetched = first?.code === 'repository/git-ref' && first.file === undefined;
  return { checks, diffWarning: notCompared(unfetched ? `${why}; check out with fetch-depth: 0 so the base commit is there (docs/action.md)` : why, base) };
}

function notCompared(why: string, base?: string): Diagnostic {
  const commit = base && /^[0-9a-f]{40}$/i.test(base) ? ` ${base.slice(0, 7)}` : '';
  return { severity: 'warning', code: 'repository/git-ref', message: `Access not compared with the base commit${commit}: ${why}` };
}

/** The plan (with a section for any engine that could not be read) and the checks beside it. The recorded requests
 * of every engine that has a decision source are replayed against the plan (docs/replay.md). */
export async function runPlanChecks(root: string, engines: string[], client: ClientOptions): Promise<{ checks: ChecksResult; plan?: Plan }> {
  const outcome = await runPlan({ root, engines, client, replay: { replay: 'when-available' } });
  if (!outcome.ok) return { checks: { diagnostics: outcome.diagnostics } };
  return { checks: { diagnostics: outcome.diagnostics, tests: runTests(outcome.repository, outcome.engines) }, plan: outcome.plan };
}
