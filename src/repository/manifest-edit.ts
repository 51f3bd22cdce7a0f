// Edits a group manifest the way a person would, through the yaml package's Document API so comments, order and
// layout stay as they were: switch one entry's `enabled` (emergency), append entries (import). Also the unified
// diff of such an edit, to print as the change to commit.
import { structuredPatch } from 'diff';
import { isMap, isScalar, isSeq, parseDocument, Scalar, type Document, type YAMLMap } from 'yaml';
import type { ManifestEntry } from '../model.js';


/** Long lines stay long: folding them would show as changes the edit did not make. */
const TO_STRING = { lineWidth: 0 } as const;

export type EditResult = { ok: true; text: string } | { ok: false; message: string };

/** Sets `enabled` of the entry named `name`, with an optional comment on that line. */
export function setEnabled(text: string, name: string, enabled: boolean, comment?: string): EditResult {
  const doc = parseDocument(text);
  const entry = entries(doc)?.find((item) => item.get('name') === name);
  if (!entry) return { ok: false, message: `no entry named ${name} in this manifest` };
  let node = entry.get('enabled', true);
  if (isScalar(node)) node.value = enabled;
  else entry.set('enabled', (node = new Scalar(enabled)));
  node.comment = comment === undefined ? null : ` ${comment.replace(/[\r\n]+/g, ' ')}`;
  return { ok: true, text: doc.toString(TO_STRING) };
}

/** Appends entries to the manifest, or writes a new one when there is none yet. */
export function appendEntries(text: string | undefined, add: ManifestEntry[]): EditResult {
  const doc = parseDocument(text ?? 'policies: []\n');
  const list = doc.get('policies', true);
  if (!isSeq(list)) return { ok: false, message: 'the manifest has no `policies:` list' };
  // An empty manifest written as `policies: []` becomes a block list once it has entries.
  if (list.items.length === 0) list.flow = false;
  for (const entry of add) {
    const node = doc.createNode({ ...entry }) as YAMLMap;
    const engines = node.get('engines', true);
    if (isSeq(engines)) engines.flow = true;
    list.items.push(node);
  }
  return { ok: true, text: doc.toString(TO_STRING) };
}

function entries(doc: Document): YAMLMap[] | undefined {
  const list = doc.get('policies', true);
  return isSeq(list) ? list.items.filter(isMap) as YAMLMap[] : undefined;
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
