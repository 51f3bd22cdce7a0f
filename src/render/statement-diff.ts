// The unified diff of a policy's statement, live against repository, as plain lines. Renderers add colour or a
// fence; this only decides what the diff says.
import { structuredPatch } from 'diff';
import type { PolicyChange } from '../plan/types.js';
import { clip } from '../text.js';
import { visible } from './sanitize.js';

/** Longest line kept; a 10,000-character one-line statement would otherwise swamp the output. */
const MAX_LINE = 500;

const withNewline = (text: string) => (text === '' || text.endsWith('\n') ? text : `${text}\n`);

/** Diff lines (`--- `, `+++ `, `@@ `, then ` `/`-`/`+` lines), or none when the statement does not change. */
export function statementDiff(change: PolicyChange): string[] {
  const statementChanges =
    change.action === 'create' || change.action === 'delete' || change.action === 'replace' || change.fields.includes('statement');
  if (change.action === 'no-op' || !statementChanges) return [];
  const before = change.before?.statement ?? '';
  const after = change.action === 'delete' ? '' : change.after?.statement ?? '';
  if (before === after) return [];
  const oldName = change.before ? `${change.before.name} (live)` : '/dev/null';
  const newName = change.action === 'delete' ? '/dev/null' : `${change.name} (repository)`;
  const patch = structuredPatch(oldName, newName, withNewline(before), withNewline(after), undefined, undefined, { context: 3 });
  const lines = [`--- ${oldName}`, `+++ ${newName}`];
  for (const hunk of patch.hunks) {
    // Unified diff numbers an empty side from the line before it (`-0,0`), as `diff -u` and git do.
    const oldStart = hunk.oldLines === 0 ? hunk.oldStart - 1 : hunk.oldStart;
    const newStart = hunk.newLines === 0 ? hunk.newStart - 1 : hunk.newStart;
    lines.push(`@@ -${oldStart},${hunk.oldLines} +${newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) if (!line.startsWith('\\')) lines.push(clip(visible(line), MAX_LINE));
  }
  return lines;
}
