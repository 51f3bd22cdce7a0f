// The plan as a pull-request comment: banners and the summary table first, then problems, then each change in a
// collapsible block. A GitHub comment holds 65,536 characters, so the comment is fitted to a budget: diffs are cut
// first, then whole blocks left out (with a count and a link to the full plan); the table is never cut.
import type { Plan } from '../plan/types.js';
import { planSummary } from './change-words.js';
import { inline, safeUrl } from './markdown-escape.js';
import { banners, changeBlock, diagnosticItem, engineHeading, listedChanges, summaryTable } from './markdown-parts.js';
import { replaySection } from './replay-markdown.js';

export interface MarkdownOptions {
  /** Default 60,000: under GitHub's limit with room for a sticky-comment marker. */
  maxLength?: number;
  /** Where the full plan can be read (job summary, artifact). */
  detailsUrl?: string;
}

/** Room kept for the closing note that says what was cut. */
const NOTE_ROOM = 400;

interface Piece {
  compact: string;
  /** The piece with at most `diffBudget` characters of diff; only change blocks have one. */
  withDiff?: (diffBudget: number) => { text: string; cut: boolean };
  /** Headings are not entries: leaving one out is not worth a mention. */
  heading?: boolean;
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const head = [
    '## agentcore-policy plan',
    ...(plan.notPlanned ? [`> [!CAUTION]\n> **No plan**: ${inline(plan.notPlanned, 300)}.`] : []),
    ...banners(plan),
    summaryTable(plan),
    `**${planSummary(plan)}**${plan.errors.length > 0 ? ` This plan has errors and cannot be applied.` : ''}`,
  ].join('\n\n');
  const { texts, diffsCut, left } = fit(pieces(plan), maxLength - head.length - NOTE_ROOM);
  const note = closingNote(diffsCut, left, options.detailsUrl);
  return [head, ...texts, ...(note ? [note] : [])].join('\n\n') + '\n';
}

function pieces(plan: Plan): Piece[] {
  const list: Piece[] = [];
  for (const [heading, diagnostics] of [['### Errors', plan.errors], ['### Warnings', plan.warnings]] as const) {
    if (diagnostics.length > 0) list.push({ compact: heading, heading: true });
    for (const d of diagnostics) list.push({ compact: diagnosticItem(d) });
  }
  for (const engine of plan.engines) {
    if (engine.unreachable) {
      list.push({ compact: engineHeading(engine), heading: true }, { compact: '**Not planned**: the live engine could not be read (see Errors).' });
      continue;
    }
    const changes = listedChanges(engine);
    if (changes.length === 0 && !engine.replay) continue;
    list.push({ compact: engineHeading(engine), heading: true });
    if (engine.replay) list.push({ compact: replaySection(engine.replay) });
    for (const change of changes) list.push({ compact: changeBlock(change, 0).text, withDiff: (budget) => changeBlock(change, budget) });
  }
  return list;
}

/** Every entry gets its compact form first, so the comment lists as many changes as it can; the spare room then
 * goes to diffs, in plan order (deletions first), cutting the first diff that does not fit. */
function fit(list: Piece[], budget: number): { texts: string[]; diffsCut: number; left: number } {
  const size = (text: string) => text.length + 2; // joined by a blank line
  let spare = budget;
  let kept = 0;
  while (kept < list.length && size(list[kept]!.compact) <= spare) spare -= size(list[kept++]!.compact);
  const left = list.slice(kept).filter((p) => !p.heading).length;
  let diffsCut = 0;
  const texts = list.slice(0, kept).map((piece) => {
    const full = piece.withDiff?.(Infinity);
    if (!full || full.text === piece.compact) return piece.compact;
    const grow = (text: string) => text.length - piece.compact.length;
    if (grow(full.text) <= spare) {
      spare -= grow(full.text);
      return full.text;
    }
    diffsCut++;
    const partial = cutToFit(piece, spare);
    if (!partial) return piece.compact;
    spare -= grow(partial);
    return partial;
  });
  return { texts, diffsCut, left };
}

/** The block with as much diff as fits in `spare` more characters than its compact form. The wrapping (fold, fence,
 * cut marker) costs a little, so a first try at the whole room is shrunk by whatever it overshot. */
function cutToFit(piece: Piece, spare: number): string | undefined {
  const grow = (text: string) => text.length - piece.compact.length;
  let budget = spare;
  for (let attempt = 0; attempt < 3 && budget > 0; attempt++) {
    const { text } = piece.withDiff!(budget);
    if (grow(text) <= spare) return text.length > piece.compact.length ? text : undefined;
    budget -= grow(text) - spare;
  }
  return undefined;
}

function closingNote(diffsCut: number, left: number, detailsUrl: string | undefined): string | undefined {
  if (diffsCut === 0 && left === 0) return undefined;
  const parts = [
    ...(diffsCut > 0 ? [diffsCut === 1 ? 'the diff of 1 change was cut' : `the diffs of ${diffsCut} changes were cut`] : []),
    ...(left > 0 ? [`${left} more entr${left === 1 ? 'y was' : 'ies were'} left out`] : []),
  ];
  const url = safeUrl(detailsUrl);
  const where = url ? `[Read the full plan](${url}).` : 'Run `agentcore-policy plan` to see the full plan.';
  return `> [!NOTE]\n> To fit a comment, ${parts.join(' and ')}. ${where}`;
}
