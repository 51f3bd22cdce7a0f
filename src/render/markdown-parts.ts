// The pieces of the PR-comment plan: banners for what a reviewer must not miss, the per-engine summary table, and
// one collapsible block per change inside each engine's own. Every quoted value goes through `inline` or `fence`;
// GitHub renders no markdown inside <summary>, so emphasis there is HTML.
import type { Diagnostic } from '../model.js';
import { countChanges } from '../plan/plan-all.js';
import type { Change, EnginePlan, Plan, PolicyChange } from '../plan/types.js';
import { witnessWords } from './access-words.js';
import { messageOf } from './diagnostics.js';
import { describeChange, isListed, isUnmanaged } from './change-words.js';
import { fence, inline } from './markdown-escape.js';
import { statementDiff } from './statement-diff.js';

/** Names shown in a banner before "and N more": banners must stay short whatever the plan's size. */
const BANNER_NAMES = 10;

const allChanges = (plan: Plan) => plan.engines.flatMap((e) => e.changes);

/** A replace deletes the live policy: name that one, and what replaces it. */
function bannerName(change: Change): string {
  const before = change.kind === 'policy' && change.action === 'replace' ? change.before?.name : undefined;
  return before && before !== change.name ? `${change.kind} ${before} -> ${change.name}` : `${change.kind} ${change.name}`;
}

function names(changes: Change[]): string {
  const shown = changes.slice(0, BANNER_NAMES).map((c) => `<code>${inline(bannerName(c), 120)}</code>`);
  const more = changes.length > BANNER_NAMES ? ` and ${changes.length - BANNER_NAMES} more` : '';
  return `${shown.join(', ')}${more}`;
}

function banner(kind: 'CAUTION' | 'WARNING' | 'IMPORTANT' | 'NOTE', title: string, body: string | undefined): string[] {
  return body === undefined ? [] : [`> [!${kind}]\n> **${title}**: ${body}`];
}

const some = (changes: Change[]) => (changes.length === 0 ? undefined : names(changes));

/** An emergency switch and what it blocks (or lets through again): the tools its statement covers. */
function emergencyWords(change: PolicyChange): string {
  const engaging = change.action === 'create' || change.action === 'replace';
  const verb = change.action === 'delete' ? 'disengaged' : engaging ? 'engaged' : 'changed';
  const tools = change.touches?.map((t) => t.action) ?? [];
  const what = tools.length === 0 ? '' : `${change.effect === 'forbid' ? (engaging ? ', blocking every call of ' : ', letting through again ') : ', on '}${tools.length > 3 ? `${tools.length} tools` : tools.map((t) => `<code>${inline(t, 120)}</code>`).join(', ')}`;
  return `<code>${inline(change.name, 120)}</code> ${verb}${what}`;
}

function emergencyBanner(changes: Change[]): string | undefined {
  const switched = changes.filter((c): c is PolicyChange => c.kind === 'policy' && c.action !== 'no-op' && c.group === 'emergency');
  return switched.length === 0 ? undefined : switched.slice(0, BANNER_NAMES).map(emergencyWords).join('; ');
}

/** The tools whose access widens, each with one request now allowed; the policies flagged when no analysis ran. */
function wideningBanner(plan: Plan, changes: Change[]): string | undefined {
  const tools = plan.engines.flatMap((e) => (e.access ?? []).filter((a) => a.verdict === 'widens' || a.verdict === 'both'));
  if (tools.length > 0) {
    // One request shows it; the Access table above has one for every tool.
    const shown = tools.slice(0, 3).map((a, i) => `<code>${inline(a.action, 120)}</code>${i === 0 && a.newlyAllowed[0] ? ` (now allowed: ${inline(witnessWords(a.newlyAllowed[0]), 200)})` : ''}`);
    return `${shown.join('; ')}${tools.length > 3 ? ` and ${tools.length - 3} more tools` : ''}`;
  }
  return some(changes.filter((c) => c.kind !== 'engine' && c.widensAccess));
}

/** What a reviewer must not miss, most serious first. */
export function banners(plan: Plan): string[] {
  const changes = allChanges(plan);
  const warnings = plan.warnings;
  const unfinished = warnings.filter((w) => w.code === 'plan/unfinished-first-deploy');
  return [
    ...banner('CAUTION', 'Enforcement drift, a gateway is not enforcing as declared', some(changes.filter((c) => c.kind === 'gateway' && c.drift))),
    ...banner('CAUTION', 'Gateways detached, enforcing nothing afterwards', some(changes.filter((c) => c.kind === 'gateway' && c.detach))),
    ...banner('CAUTION', 'Deletions', some(changes.filter((c) => c.action === 'delete' || c.action === 'replace'))),
    ...banner('IMPORTANT', 'Emergency switches', emergencyBanner(changes)),
    ...banner('WARNING', 'Widens access', wideningBanner(plan, changes)),
    ...banner('NOTE', 'An interrupted first deploy', unfinished.length === 0 ? undefined : `${unfinished.map((w) => `<code>${inline(w.engine ?? '', 60)}</code>`).join(', ')}: apply finishes it`),
  ];
}

/** Engines as rows, and only the columns some engine has a number in (Changes always): narrow enough for a comment. */
export function summaryTable(plan: Plan): string {
  const columns: { title: string; cell: (engine: EnginePlan) => number | string }[] = [
    { title: 'Changes', cell: (engine) => changeWords(engine) },
    { title: 'Unchanged', cell: (engine) => engine.changes.filter((c) => c.kind === 'policy' && c.action === 'no-op' && !isUnmanaged(c)).length },
    { title: 'Unmanaged', cell: (engine) => engine.changes.filter(isUnmanaged).length },
    { title: 'Drift', cell: (engine) => engine.changes.filter((c) => c.kind !== 'engine' && Boolean(c.drift)).length },
    { title: 'Errors', cell: (engine) => engine.errors.length },
  ];
  const shown = columns.filter((c, i) => i === 0 || plan.engines.some((e) => c.cell(e) !== 0));
  const rows = plan.engines.map((engine) => `| ${[`<b>${inline(engine.engine, 60)}</b>`, ...shown.map((c) => String(c.cell(engine)))].join(' | ')} |`);
  return [`| Engine | ${shown.map((c) => c.title).join(' | ')} |`, `|---|${shown.map((_, i) => (i === 0 ? '---' : '--:')).join('|')}|`, ...rows].join('\n');
}

/** `3 to create, 1 to update`, or `none` / `not read`. */
export function changeWords(engine: EnginePlan): string {
  if (engine.unreachable) return 'not read';
  const counts = countChanges(engine.changes);
  const parts = (['create', 'update', 'delete', 'replace'] as const).filter((a) => counts[a] > 0).map((a) => `${counts[a]} to ${a}`);
  return parts.length === 0 ? 'none' : parts.join(', ');
}

export function diagnosticItem(d: Diagnostic): string {
  const where = d.file ? ` ${inline([d.file, d.line, d.column].filter((p) => p !== undefined).join(':'), 200)}` : '';
  return `- **${d.severity}** <code>${inline(d.code, 60)}</code>${where}: ${inline(messageOf(d), 1000)}`;
}

/** The summary line of an engine's folded details. */
export function engineSummary(engine: EnginePlan): string {
  return `<b>${inline(engine.engine, 60)}</b> (<code>${inline(engine.file, 200)}</code>): ${inline(changeWords(engine), 200)}`;
}

export const listedChanges = (engine: EnginePlan) => engine.changes.filter(isListed);

/** A change as a collapsible block. `diffBudget` caps the characters of diff shown: Infinity for all, 0 for none. */
export function changeBlock(change: Change, diffBudget: number): { text: string; cut: boolean } {
  const words = describeChange(change);
  // GitHub renders no markdown inside <summary>: emphasis is HTML there.
  const flags = words.flags.map((f) => ` · <b>${inline(f, 60)}</b>`).join('');
  const summary = `<code>${words.symbol}</code> ${inline(words.subject, 120)} ${inline(words.verb, 200)}${flags}`;
  const details = words.details.map((d) => `- ${inline(d, 300)}`);
  const diff = change.kind === 'policy' ? statementDiff(change) : [];
  const { lines, cut } = cutLines(diff, diffBudget);
  const body = [details.join('\n'), lines.length > 0 ? fence(lines, 'diff') : ''].filter((part) => part !== '');
  // Nothing to unfold (a diff cut to fit, say): a plain line reads better than an empty fold.
  if (body.length === 0) return { text: summary, cut };
  return { text: [`<details><summary>${summary}</summary>`, ...body, '</details>'].join('\n\n'), cut };
}

function cutLines(lines: string[], budget: number): { lines: string[]; cut: boolean } {
  const kept: string[] = [];
  let used = 0;
  for (const line of lines) {
    if (used + line.length + 1 > budget) {
      return { lines: budget > 0 ? [...kept, `… ${lines.length - kept.length} more diff lines cut`] : [], cut: true };
    }
    kept.push(line);
    used += line.length + 1;
  }
  return { lines: kept, cut: false };
}
