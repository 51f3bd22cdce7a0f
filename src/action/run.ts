// Does what the mode calls for, through the same functions the CLI's commands call. Takes plain values and never
// touches @actions/core, so it runs the same under the runner and in a test.
import type { ClientOptions } from '../agentcore/index.js';
import { progressLog } from '../render/progress.js';
import { renderPlanText } from '../render/plan-text.js';
import { runApply } from '../run/apply.js';
import { runChecks, runPlanChecks } from './checks.js';
import type { Mode } from './mode.js';
import type { RunResult } from './outcome.js';

export interface RunOptions {
  root: string;
  engines: string[];
  denyWarnings: boolean;
  client: ClientOptions;
  /** Lines for the job log while apply runs: the plan it applies, then its progress. */
  log: (line: string) => void;
}

export async function runMode(mode: Mode, options: RunOptions): Promise<RunResult> {
  const base = { mode: mode.run, denyWarnings: options.denyWarnings };
  switch (mode.run) {
    case 'refuse':
      return { ...base, refused: mode.reason };
    case 'validate':
      return { ...base, checks: await runChecks(options.root, options.engines, { tests: false }) };
    case 'test':
    case 'offline':
      return { ...base, checks: await runChecks(options.root, options.engines, { tests: true }) };
    case 'plan':
      return { ...base, ...(await runPlanChecks(options.root, options.engines, options.client)) };
    case 'apply': {
      // As the CLI's `apply --auto-approve`: the review happened on the pull request, and the workflow's protected
      // environment gates the job.
      const started = performance.now();
      const { report, plan } = await runApply({
        root: options.root,
        engines: options.engines,
        client: options.client,
        onPlan: (planned) => options.log(renderPlanText(planned, { color: false })),
        // The CLI's lines, timed from here.
        onProgress: progressLog(options.log, () => performance.now()),
      });
      return { ...base, apply: report, ...(plan && { plan }), elapsedMs: performance.now() - started };
    }
  }
}
