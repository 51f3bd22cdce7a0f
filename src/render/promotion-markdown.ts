// The evidence for promoting a LOG_ONLY policy, as markdown to paste into the pull request that promotes it: per
// engine, what the recorded decisions on its tools say; the checks it passed or fell short of; the decisions it
// would have flipped, folded away. Every quoted value goes through `inline`.
import type { Promotion } from '../model.js';
import { inline } from './markdown-escape.js';
import { exampleWords, windowNotes } from './replay-words.js';

export interface PromotionReport {
  policy: string;
  evidence: { engine: string; promotion: Promotion }[];
  /** What the evidence falls short of, in words. */
  shortfalls: { message: string }[];
  minDecisions: number;
  maxFlips: number;
  /** Promoted although it fell short. */
  forced: boolean;
}

const day = (iso: string) => `${iso.slice(0, 16).replace('T', ' ')} UTC`;

export function renderPromotionMarkdown(report: PromotionReport): string {
  const rows = report.evidence.map(({ engine, promotion }) => {
    if ('missing' in promotion) return `| ${inline(engine, 60)} | no evidence: ${inline(promotion.missing, 300)} | | | | | | |`;
    const e = promotion.evidence;
    return `| ${inline(engine, 60)} | ${inline(e.source, 80)} | ${day(e.since)} | ${e.decisions} | ${e.matched} | ${e.flips.toDeny} | ${e.flips.toAllow} | ${e.undecidable} |`;
  });
  const checks =
    report.shortfalls.length === 0
      ? `**Checks passed**: at least ${report.minDecisions} recorded decisions on its tools, and at most ${report.maxFlips} it would have flipped.`
      : `**${report.forced ? 'Promoted with --force, although' : 'Not promoted'}**: ${report.shortfalls.map((s) => inline(s.message, 300)).join('; ')}.`;
  const read = report.evidence.flatMap(({ engine, promotion }) => ('evidence' in promotion ? [{ engine, evidence: promotion.evidence }] : []));
  const examples = read.flatMap(({ engine, evidence }) => evidence.examples.map((x) => `- ${inline(engine, 60)}: ${inline(exampleWords(x), 400)}`));
  const notes = read.flatMap(({ engine, evidence }) => windowNotes(evidence, evidence.undecidable).map((n) => `- ${inline(engine, 60)}: ${inline(n, 400)}`));
  return [
    `### Promote <code>${inline(report.policy, 120)}</code> from LOG_ONLY to ACTIVE`,
    [
      '| Engine | Source | Since | Decisions on its tools | It held for | Allowed → denied | Denied → allowed | Undecidable |',
      '|---|---|---|--:|--:|--:|--:|--:|',
      ...rows,
    ].join('\n'),
    checks,
    ...(examples.length > 0 ? [`<details><summary>Decisions it would have flipped</summary>\n\n${examples.join('\n')}\n\n</details>`] : []),
    ...(notes.length > 0 ? [notes.join('\n')] : []),
  ].join('\n\n') + '\n';
}
