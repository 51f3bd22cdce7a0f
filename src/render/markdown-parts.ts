// The pieces of the PR-comment plan: banners for what a reviewer must not miss, the per-engine summary table and
// one collapsible block per change. Every quoted value goes through `inline` or `fence`.
import type { Diagnostic } from '../model.js';
import { countChanges } from '../plan/plan-all.js';
import type { Change, EnginePlan, Plan } from '../plan/types.js';
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

function banner(kind: 'CAUTION' | 'WARNING' | 'IMPORTANT', title: string, changes: Change[]): string[] {
  return changes.length === 0 ? [] : [`> [!${kind}]\n> **${title}**: ${names(changes)}`];
}

export function banners(plan: Plan): string[] {
  const changes = allChanges(plan);
  return [
    ...banner('CAUTION', 'Enforcement drift, a gateway is not enforcing as declared', changes.filter((c) => c.kind === 'gateway' && c.drift)),
    ...banner('CAUTION', 'Gateways detached, enforcing nothing afterwards', changes.filter((c) => c.kind === 'gateway' && c.detach)),
    ...banner('CAUTION', 'Deletions', changes.filter((c) => c.action === 'delete' || c.action === 'replace')),
    ...banner('WARNING', 'Widens access', changes.filter((c) => c.kind !== 'engine' && c.widensAccess)),
    ...banner('IMPORTANT', 'Emergency group changes', changes.filter((c) => c.kind === 'policy' && c.action !== 'no-op' && c.group === 'emergency')),
  ];
}

export function summaryTable(plan: Plan): string {
  const rows = plan.engines.map((engine) => {
    const count = (test: (c: Change) => boolean) => engine.changes.filter(test).length;
    const counts = countChanges(engine.changes);
    const cells = [
      counts.create,
      counts.update,
      counts.delete,
      counts.replace,
      count((c) => c.kind === 'policy' && c.action === 'no-op' && !isUnmanaged(c)),
      count(isUnmanaged),
      count((c) => c.kind !== 'engine' && c.widensAccess),
      count((c) => c.kind !== 'engine' && Boolean(c.drift)),
      engine.errors.length,
    ];
    return `| ${inline(engine.engine, 60)} | ${cells.join(' | ')} |`;
  });
  return [
    '| Engine | Create | Update | Delete | Replace | Unchanged | Unmanaged | Widens access | Drift | Errors |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
    ...rows,
  ].join('\n');
}

export function diagnosticItem(d: Diagnostic): string {
  const where = d.file ? ` ${inline([d.file, d.line, d.column].filter((p) => p !== undefined).join(':'), 200)}` : '';
  return `- **${d.severity}** <code>${inline(d.code, 60)}</code>${where}: ${inline(messageOf(d), 1000)}`;
}

export function engineHeading(engine: EnginePlan): string {
  return `### Engine ${inline(engine.engine, 60)} (<code>${inline(engine.file, 200)}</code>)`;
}

export const listedChanges = (engine: EnginePlan) => engine.changes.filter(isListed);

/** A change as a collapsible block. `diffBudget` caps the characters of diff shown: Infinity for all, 0 for none. */
export function changeBlock(change: Change, diffBudget: number): { text: string; cut: boolean } {
  const words = describeChange(change);
  const flags = words.flags.map((f) => ` · **${inline(f, 60)}**`).join('');
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
