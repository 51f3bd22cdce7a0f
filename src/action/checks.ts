// The offline checks, as the CLI's `validate` and `test` run them: validate each selected engine, then evaluate the
// authorization tests unless the repository has errors. Reads files only: no credentials, no endpoint.
import type { Diagnostic } from '../model.js';
import { runTests, type TestReport } from '../testing/run-tests.js';
import { hasErrors, validateRepository } from '../validation/validate.js';
import { forEngines, mergeDiagnostics } from './engines.js';

export interface ChecksResult {
  diagnostics: Diagnostic[];
  /** Absent when the tests did not run: not asked for, or the repository does not validate. */
  tests?: TestReport;
}

export async function runChecks(root: string, engines: string[], options: { tests: boolean }): Promise<ChecksResult> {
  const reports = await forEngines(engines, (engine) => validateRepository(root, { engine }));
  const diagnostics = mergeDiagnostics(reports.map((r) => r.diagnostics));
  if (!options.tests || hasErrors(diagnostics)) return { diagnostics };
  return { diagnostics, tests: runTests(reports[0]!.repository, reports.flatMap((r) => r.engines)) };
}
