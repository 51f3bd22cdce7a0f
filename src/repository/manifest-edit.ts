// Edits a group manifest the way a person would: the yaml package finds where the entry is, and only the lines the
// edit is about are written, so comments, order and layout elsewhere stay exactly as they were (re-rendering the
// whole document would respace every flow collection, `[a, b]` to `[ a, b ]`). Switch one entry's `enabled`
// (emergency) or `enforcementMode` (promote), append entries (import). Also the unified diff of such an edit, to
// print as the change to commit.
import { structuredPatch } from 'diff';
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { EnforcementMode, ManifestEntry } from '../model.js';

/** Long lines stay long, and flow lists read `[a, b]` as the repository writes them. */
const TO_STRING = { lineWidth: 0, flowCollectionPadding: false } as const;

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

/** Sets `enabled` of the entry named `name`, with an optional comment on that line (replacing any there was). */
export function setEnabled(text: string, name: string, enabled: boolean, comment?: string): EditResult {
  return setField(text, name, 'enabled', enabled, comment);
}

/** Sets `enforcementMode` of the entry named `name` (promote: LOG_ONLY to ACTIVE), with an optional comment on
 * that line (replacing any there was). */
export function setEnforcementMode(text: string, name: string, mode: EnforcementMode, comment?: string): EditResult {
  return setField(text, name, 'enforcementMode', mode, comment);
}

/** One scalar of one entry: its value (and any comment after it) spliced on its own line, or a new line after the
 * entry's last one when it has none. */
function setField(text: string, name: string, key: string, value: boolean | string, comment?: string): EditResult {
  const doc = parseDocument(text);
  const entry = entriesOf(doc)?.items.find((item): item is YAMLMap => isMap(item) && item.get('name') === name);
  if (!entry) return { ok: false, message: `no entry named ${name} in this manifest` };
  const written = `${value}${comment === undefined ? '' : ` # ${oneLine(comment)}`}`;
  const node = entry.get(key, true);
  const range = isScalar(node) ? (node.range ?? undefined) : undefined;
  const onOneLine = range && !text.slice(range[0], range[1]).includes('\n') ? range : undefined;
  if (entry.flow || !entry.range || (node !== undefined && !onOneLine)) return { ok: true, text: rewritten(doc, entry, key, value, comment) };
  // The value and any comment after it, to the end of its line; or a new line after the entry's last one.
  if (onOneLine) return { ok: true, text: splice(text, onOneLine[0], lineEnd(text, onOneLine[1]), written) };
  const at = entry.range[1];
  const line = `${' '.repeat(columnOf(text, entry.range[0]))}${key}: ${written}\n`;
  return { ok: true, text: splice(text, at, at, `${text.slice(0, at).endsWith('\n') ? '' : '\n'}${line}`) };
}

/** An entry written in flow style (`- {name: A, ...}`) or a value spanning lines: edited through the document. */
function rewritten(doc: Document, entry: YAMLMap, key: string, value: boolean | string, comment: string | undefined): string {
  let node = entry.get(key, true);
  if (isScalar(node)) node.value = value;
  else entry.set(key, (node = new Scalar(value)));
  node.comment = comment === undefined ? null : ` ${oneLine(comment)}`;
  return doc.toString(TO_STRING);
}

/** Appends entries to the manifest's list, leaving the rest as written, or writes a new manifest when there is
 * none yet (or its list is empty). */
export function appendEntries(text: string | undefined, add: ManifestEntry[]): EditResult {
  const doc = parseDocument(text ?? 'policies: []\n');
  const list = entriesOf(doc);
  if (!list) return { ok: false, message: 'the manifest has no `policies:` list' };
  if (list.items.length === 0 || list.flow || !list.range || text === undefined) {
    // An empty manifest written as `policies: []` becomes a block list once it has entries.
    list.flow = false;
    for (const entry of add) list.items.push(entryNode(doc, entry));
    return { ok: true, text: doc.toString(TO_STRING) };
  }
  // The new entries rendered alone, indented as the existing ones are (by the first one's dash), after the last.
  const snippet = new Document({ policies: [] });
  for (const entry of add) (snippet.get('policies', true) as YAMLSeq).items.push(entryNode(snippet, entry));
  const first = list.items[0] as { range?: [number, number, number] };
  const shift = columnOf(text, text.lastIndexOf('-', first.range?.[0] ?? list.range[0])) - 2;
  const lines = snippet.toString(TO_STRING).split('\n').slice(1, -1);
  const block = lines.map((line) => (shift >= 0 ? ' '.repeat(shift) + line : line.slice(-shift))).join('\n');
  const at = list.range[1];
  return { ok: true, text: splice(text, at, at, `${text.slice(0, at).endsWith('\n') ? '' : '\n'}${block}\n`) };
}

function entryNode(doc: Document, entry: ManifestEntry): YAMLMap {
  const node = doc.createNode({ ...entry }) as YAMLMap;
  const engines = node.get('engines', true);
  if (isSeq(engines)) engines.flow = true;
  return node;
}

function entriesOf(doc: Document): YAMLSeq | undefined {
  const list = doc.get('policies', true);
  return isSeq(list) ? list : undefined;
}

const oneLine = (comment: string) => comment.replace(/[\r\n]+/g, ' ');

function splice(text: string, start: number, end: number, insert: string): string {
  return `${text.slice(0, start)}${insert}${text.slice(end)}`;
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline < 0 ? text.length : newline;
}

function columnOf(text: string, offset: number): number {
  return offset - (text.lastIndexOf('\n', offset - 1) + 1);
}

/** `--- file` / `+++ file` / hunks, as `git diff` shows an edit of one file. */
export function unifiedDiff(file: string, before: string, after: string): string[] {
  const patch = structuredPatch(file, file, before, after, undefined, undefined, { context: 3 });
  const lines = [`--- ${file}`, `+++ ${file}`];
  for (const hunk of patch.hunks) {
    lines.push(`@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`);
    for (const line of hunk.lines) if (!line.startsWith('\\')) lines.push(line);
  }
  return lines;
}
