// The plan as a pull-request comment, in the order a reviewer decides: a one-line verdict (access, changes, checks,
// what merge does), the tools whose access changes with a request that shows it, banners for what must not be
// missed, a narrow summary table, then each engine's changes folded, the checks, and a footer naming the commit and
// the run. A GitHub comment holds 65,536 characters, so the comment is fitted to a budget: diffs are cut first, then
// whole blocks left out (with a count and a link to the full plan); the head and the checks are never cut.
import type { Plan } from '../plan/types.js';
import { planSummary } from './change-words.js';
import { accessCounts, accessSection } from './markdown-access.js';
import { checksSection, checkWords, type Checks } from './markdown-checks.js';
import { inline, safeUrl } from './markdown-escape.js';
import { banners, changeBlock, diagnosticItem, engineSummary, listedChanges, summaryTable } from './markdown-parts.js';
import { replaySection } from './replay-markdown.js';
import { plural } from '../text.js';

/** Where the plan was made, when a CI run made it. */
export interface RunContext {
  /** The commit planned. */
  sha?: string;
  /** The workflow run's page. */
  url?: string;
  /** The branch whose merge applies the plan. */
  mergeBranch?: string;
}

export interface MarkdownOptions {
  /** Default 60,000: under GitHub's limit with room for a sticky-comment marker. */
  maxLength?: number;
  /** Where the full plan can be read (job summary, artifact). */
  detailsUrl?: string;
  /** The checks run beside the plan, shown in the verdict and in their own section. */
  checks?: Checks;
  /** How many diagnostics or failed cases the checks list. */
  listLimit?: number;
  run?: RunContext;
}

/** Room kept for the closing note that says what was cut. */
const NOTE_ROOM = 400;

interface Piece {
  compact: string;
  /** The piece with at most `diffBudget` characters of diff; only change blocks have one. */
  withDiff?: (diffBudget: number) => { text: string; cut: boolean };
  /** Opens an engine's folded details: not an entry, and closed after the engine's last piece kept. */
  opens?: boolean;
}

export function renderPlanMarkdown(plan: Plan, options: MarkdownOptions = {}): string {
  const maxLength = options.maxLength ?? 60_000;
  const head = [
    '## agentcore-policy plan',
    `**${inline(verdict(plan, options), 1000)}**`,
    ...(plan.notPlanned ? [`> [!CAUTION]\n> **No plan**: ${inline(plan.notPlanned, 300)}.`] : []),
    ...(accessSection(plan) ? [accessSection(plan)!] : []),
    ...plan.engines.flatMap((e) => (e.replay ? [replaySection(e.engine, e.replay, plan.engines.length > 1)] : [])),
    ...banners(plan),
    ...(plan.engines.length > 0 ? ['### Plan', summaryTable(plan), `**${inline(planSummary(plan), 1000)}**${plan.errors.length > 0 ? ' This plan has errors and cannot be applied.' : ''}`] : []),
  ].join('\n\n');
  const tail = [
    ...(options.checks ? [checksSection(options.checks, { listLimit: options.listLimit ?? 10, ...(options.detailsUrl && { detailsUrl: options.detailsUrl }) })] : []),
    ...(footer(plan, options.run) ? [footer(plan, options.run)!] : []),
  ].join('\n\n');
  const { texts, diffsCut, left } = fit(pieces(plan), maxLength - head.length - tail.length - NOTE_ROOM);
  const note = closingNote(diffsCut, left, options.detailsUrl);
  return [head, ...texts, ...(note ? [note] : []), ...(tail ? [tail] : [])].join('\n\n') + '\n';
}

/** The one line a reviewer reads first. */
export function verdict(plan: Plan, options: Pick<MarkdownOptions, 'checks' | 'run'> = {}): string {
  const access = accessCounts(plan);
  const parts: string[] = [];
  if (access.widens > 0) parts.push(`Widens access on ${plural(access.widens, 'tool')}${access.narrows > 0 ? `, narrows on ${access.narrows}` : ''}`);
  else if (access.narrows > 0) parts.push(`Narrows access on ${plural(access.narrows, 'tool')}`);
  else if (access.analysed && plan.hasChanges) parts.push('No tool changes access');
  if (access.unknown > 0) parts.push(`access unknown on ${plural(access.unknown, 'tool')}`);
  parts.push(plan.notPlanned ? 'no plan' : plan.hasChanges ? changeCount(plan) : 'no changes');
  if (plan.errors.length > 0) parts.push(`${plural(plan.errors.length, 'error')}: cannot be applied`);
  if (options.checks) parts.push(...checkWords(options.checks));
  const branch = options.run?.mergeBranch;
  if (branch && plan.hasChanges && plan.errors.length === 0) parts.push(`applies on merge to ${branch}`);
  return parts.join(' · ');
}

function changeCount(plan: Plan): string {
  const { create, update, delete: deleted, replace } = plan.counts;
  const parts = [[create, 'to create'], [update, 'to update'], [deleted, 'to delete'], [replace, 'to replace']] as const;
  return parts.filter(([n]) => n > 0).map(([n, words]) => `${n} ${words}`).join(', ');
}

/** The planned commit, the run, and what merge will apply to which engines. */
function footer(plan: Plan, run: RunContext | undefined): string | undefined {
  if (!run) return undefined;
  const url = safeUrl(run.url);
  const changing = plan.engines.filter((e) => e.changes.some((c) => c.action !== 'no-op')).map((e) => `<code>${inline(e.engine, 60)}</code>`);
  const merge =
    run.mergeBranch && changing.length > 0
      ? `On merge to <code>${inline(run.mergeBranch, 100)}</code>, apply changes ${changing.join(', ')}${plan.errors.length > 0 ? ' (once the errors are fixed)' : ''}.`
      : undefined;
  const parts = [
    ...(run.sha && /^[0-9a-f]{7,64}$/i.test(run.sha) ? [`Planned commit <code>${run.sha.slice(0, 7)}</code>`] : []),
    ...(url ? [`[workflow run](${url})`] : []),
    ...(merge ? [merge] : []),
  ];
  return parts.length > 0 ? `<sub>${parts.join(' · ')}</sub>` : undefined;
}

function pieces(plan: Plan): Piece[] {
  const list: Piece[] = [];
  if (plan.errors.length > 0) list.push({ compact: '### Errors' }, ...plan.errors.map((d) => ({ compact: diagnosticItem(d) })));
  const warnings = [...plan.warnings].sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'warning' ? -1 : 1));
  if (warnings.length > 0) list.push({ compact: '### Warnings' }, ...warnings.map((d) => ({ compact: diagnosticItem(d) })));
  for (const engine of plan.engines) {
    if (engine.unreachable) {
      list.push({ compact: `<details><summary>${engineSummary(engine)}</summary>`, opens: true }, { compact: '**Not planned**: the live engine could not be read (see Errors).' });
      continue;
    }
    const changes = listedChanges(engine);
    if (changes.length === 0) continue;
    list.push({ compact: `<details><summary>${engineSummary(engine)}</summary>`, opens: true });
    for (const change of changes) list.push({ compact: changeBlock(change, 0).text, withDiff: (budget) => changeBlock(change, budget) });
  }
  return list;
}

const CLOSE = '</details>';

/** Every entry gets its compact form first, so the comment lists as many changes as it can; the spare room then
 * goes to diffs, in plan order (deletions first), cutting the first diff that does not fit. An engine's details
 * are closed after the last of its pieces kept. */
function fit(list: Piece[], budget: number): { texts: string[]; diffsCut: number; left: number } {
  const size = (text: string) => text.length + 2; // joined by a blank line
  const opened = list.filter((p) => p.opens).length;
  let spare = budget - opened * size(CLOSE);
  let kept = 0;
  while (kept < list.length && size(list[kept]!.compact) <= spare) spare -= size(list[kept++]!.compact);
  const left = list.slice(kept).filter((p) => !p.opens && !p.compact.startsWith('### ')).length;
  let diffsCut = 0;
  const texts: string[] = [];
  let open = false;
  for (const piece of list.slice(0, kept)) {
    if (piece.opens) {
      if (open) texts.push(CLOSE);
      open = true;
      texts.push(piece.compact);
      continue;
    }
    const full = piece.withDiff?.(Infinity);
    if (!full || full.text === piece.compact) {
      texts.push(piece.compact);
      continue;
    }
    const grow = (text: string) => text.length - piece.compact.length;
    if (grow(full.text) <= spare) {
      spare -= grow(full.text);
      texts.push(full.text);
      continue;
    }
    diffsCut++;
    const partial = cutToFit(piece, spare);
    if (partial) spare -= grow(partial);
    texts.push(partial ?? piece.compact);
  }
  if (open) texts.push(CLOSE);
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
