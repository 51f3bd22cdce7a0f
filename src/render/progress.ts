// Progress while an apply runs, in the one-line form a terminal and a CI log show alike (the CLI and the action use
// these same lines): one line per phase and per finished step, each with the time since the apply started, the
// running count, the phase, the action and the policy. The clock is the caller's (the CLI's, the action's): apply
// and plan never read one.
import type { ProgressEvent, StepResult } from '../plan/apply-report.js';
import { plural } from '../text.js';
import { oneLine } from './sanitize.js';
import { stepWords } from './step-words.js';

export function progressLine(event: ProgressEvent, elapsedMs: number): string {
  const at = elapsedWords(elapsedMs);
  if (event.kind === 'phase') {
    return `${at} ${oneLine(event.engine)}: phase ${event.phase} (${plural(event.steps, 'step')})`;
  }
  const { result, finished, total } = event;
  const mark = result.status === 'done' ? 'done' : result.status === 'failed' ? 'FAILED' : 'skipped';
  const why = result.status === 'failed' ? `: ${oneLine(failureText(result), 300)}` : '';
  return `${at} ${oneLine(event.engine)}: [${finished}/${total}] ${result.phase}: ${oneLine(stepWords(result))}: ${mark}${why}`;
}

/** `+0.4s`, `+12.3s`, `+2m05s`, `+1h02m`: short enough to lead every line, precise where it matters. */
export function elapsedWords(ms: number): string {
  const tenths = Math.max(0, Math.floor(ms / 100));
  if (tenths < 600) return `+${(tenths / 10).toFixed(1)}s`;
  const seconds = Math.floor(tenths / 10);
  if (seconds < 3600) return `+${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  return `+${Math.floor(seconds / 3600)}h${String(Math.floor(seconds / 60) % 60).padStart(2, '0')}m`;
}

/** A progress handler that writes each event's line, timed from when it was made (when the apply starts). */
export function progressLog(write: (line: string) => void, now: () => number): (event: ProgressEvent) => void {
  const start = now();
  return (event) => write(progressLine(event, now() - start));
}

/** The service's reasons, or the API error, of a failed step. */
export function failureText(result: StepResult): string {
  if (result.reasons.length > 0) return result.reasons.join('; ');
  return result.error ? `${result.error.code}: ${result.error.message}` : 'failed';
}
