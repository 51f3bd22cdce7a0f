// Progress while an apply runs, as events (for the CLI's terminal lines and the action's log), and the one-line
// form a terminal shows: one line per phase and per finished step, with running counts.
import type { PhaseName } from '../plan/phases.js';
import { oneLine } from '../render/sanitize.js';
import type { StepResult } from './report.js';
import { stepWords } from './words.js';

export type ProgressEvent =
  | { kind: 'phase'; engine: string; phase: PhaseName; why: string; steps: number }
  | { kind: 'step'; engine: string; result: StepResult; finished: number; total: number };

export function progressLine(event: ProgressEvent): string {
  if (event.kind === 'phase') {
    return `${oneLine(event.engine)}: phase ${event.phase} (${event.steps} step${event.steps === 1 ? '' : 's'})`;
  }
  const { result, finished, total } = event;
  const mark = result.status === 'done' ? 'done' : result.status === 'failed' ? 'FAILED' : 'skipped';
  const why = result.status === 'failed' ? `: ${oneLine(failureText(result), 300)}` : '';
  return `${oneLine(event.engine)}: [${finished}/${total}] ${oneLine(stepWords(result))}: ${mark}${why}`;
}

/** The service's reasons, or the API error, of a failed step. */
export function failureText(result: StepResult): string {
  if (result.reasons.length > 0) return result.reasons.join('; ');
  return result.error ? `${result.error.code}: ${result.error.message}` : 'failed';
}
