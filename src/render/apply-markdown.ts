// The apply report as markdown within a size budget. The CLI's renderer lists every step; a first apply of
// thousands of policies would overflow a comment, so steps are left out (done ones first, failures last) until it
// fits, with a note that says how many and where the full report is. The first line still counts every step.
import { renderApplyMarkdown } from './apply-report.js';
import type { ApplyReport, StepResult } from '../plan/apply-report.js';
import { plural } from '../text.js';
import { safeUrl } from './markdown-escape.js';

const NOTE_ROOM = 300;
const KEEP_FIRST: StepResult['status'][] = ['failed', 'not-attempted', 'done'];

export function fitApplyMarkdown(report: ApplyReport, maxLength: number, detailsUrl?: string, elapsedMs?: number): string {
  const options = elapsedMs === undefined ? {} : { elapsedMs };
  const full = renderApplyMarkdown(report, options);
  if (full.length <= maxLength) return full;
  const ranked = report.engines.flatMap((e) => e.steps).sort((a, b) => KEEP_FIRST.indexOf(a.status) - KEEP_FIRST.indexOf(b.status));
  // The longest prefix of the ranking that fits: rendering is linear, so a binary search keeps this fast.
  let low = 0;
  let high = ranked.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (withSteps(report, new Set(ranked.slice(0, mid)), options).length <= maxLength - NOTE_ROOM) low = mid;
    else high = mid - 1;
  }
  const url = safeUrl(detailsUrl);
  const note = `> [!NOTE]\n> To fit, ${ranked.length - low} of ${plural(ranked.length, 'step')} ${ranked.length - low === 1 ? 'is' : 'are'} not listed. ${url ? `[Read the full report](${url}).` : 'The job log lists them all.'}`;
  return withSteps(report, new Set(ranked.slice(0, low)), options).replace(/\n$/, `\n\n${note}\n`);
}

/** The report showing only `kept` steps, with the first line of the whole report. */
function withSteps(report: ApplyReport, kept: Set<StepResult>, options: { elapsedMs?: number }): string {
  const shown = { ...report, engines: report.engines.map((e) => ({ ...e, steps: e.steps.filter((s) => kept.has(s)) })) };
  return renderApplyMarkdown(shown, { ...options, whole: report });
}
