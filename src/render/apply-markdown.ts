// The apply report as markdown within a size budget. The CLI's renderer lists every step; a first apply of
// thousands of policies would overflow a comment, so steps are left out (done ones first, failures last) until it
// fits, with a note that says how many and where the full report is. The closing line still counts every step.
import { closingLine, renderApplyMarkdown } from './apply-report.js';
import type { ApplyReport, StepResult } from '../plan/apply-report.js';
import { plural } from '../text.js';
import { inline, safeUrl } from './markdown-escape.js';

const NOTE_ROOM = 300;
const KEEP_FIRST: StepResult['status'][] = ['failed', 'not-attempted', 'done'];

export function fitApplyMarkdown(report: ApplyReport, maxLength: number, detailsUrl?: string): string {
  const full = renderApplyMarkdown(report);
  if (full.length <= maxLength) return full;
  const ranked = report.engines.flatMap((e) => e.steps).sort((a, b) => KEEP_FIRST.indexOf(a.status) - KEEP_FIRST.indexOf(b.status));
  // The longest prefix of the ranking that fits: rendering is linear, so a binary search keeps this fast.
  let low = 0;
  let high = ranked.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (withSteps(report, new Set(ranked.slice(0, mid))).length <= maxLength - NOTE_ROOM) low = mid;
    else high = mid - 1;
  }
  const url = safeUrl(detailsUrl);
  const note = `> [!NOTE]\n> To fit, ${ranked.length - low} of ${plural(ranked.length, 'step')} ${ranked.length - low === 1 ? 'is' : 'are'} not listed. ${url ? `[Read the full report](${url}).` : 'The job log lists them all.'}`;
  return withSteps(report, new Set(ranked.slice(0, low))).replace(/\n$/, `\n\n${note}\n`);
}

/** The report showing only `kept` steps, with the closing line of the whole report. */
function withSteps(report: ApplyReport, kept: Set<StepResult>): string {
  const shown = { ...report, engines: report.engines.map((e) => ({ ...e, steps: e.steps.filter((s) => kept.has(s)) })) };
  const text = renderApplyMarkdown(shown);
  const partial = `${inline(closingLine(shown), 1000)}\n`;
  if (!text.endsWith(partial)) throw new Error('the apply report no longer ends with its closing line');
  return `${text.slice(0, -partial.length)}${inline(closingLine(report), 1000)}\n`;
}
