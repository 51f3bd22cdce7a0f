// Progress while an apply runs, in the one-line form a terminal and a CI log show: one line per phase and per
// finished step, with running counts.
import type { ProgressEvent, StepResult } from '../plan/apply-report.js';
import { plural } from '../text.js';
import { oneLine } from './sanitize.js';
import { stepWords } from './step-words.js';

export function progressLine(event: ProgressEvent): string {
  if (event.kind === 'phase') {
    return `${oneLine(event.engine)}: phase ${event.phase} (${plural(event.steps, 'step')})`;
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
