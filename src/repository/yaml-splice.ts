// Edits of a YAML file's text at the places the yaml package's parse says, so that everything an edit is not
// about (comments, order, quoting, spacing, flow collections) stays byte for byte as written: a value replaced, a
// pair or list item removed or added, each as a splice of the text. New text comes as lines without indentation;
// the splice indents them to the column they go in. Block collections' ranges end at the start of the line after
// them; scalars' and flow collections' at their last character.
import { isCollection, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';

export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** Applies splices that do not overlap; inserts at one place keep the order they were made in. */
export function applySplices(text: string, splices: readonly Splice[]): string {
  const ordered = splices.map((splice, order) => ({ splice, order })).sort((a, b) => b.splice.start - a.splice.start || b.order - a.order);
  let result = text;
  for (const { splice } of ordered) result = `${result.slice(0, splice.start)}${splice.text}${result.slice(splice.end)}`;
  return result;
}

export const columnOf = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);
const lineStart = (text: string, offset: number) => text.lastIndexOf('\n', offset - 1) + 1;

/** Where the lines a node is written on end: the start of the next line (or the end of the text). */
export function afterLines(text: string, node: Node | null | undefined, fallback: number): number {
  const range = node?.range;
  if (!range) return afterLine(text, fallback);
  return isCollection(node) && !node.flow ? range[1] : afterLine(text, range[1]);
}

function afterLine(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

const block = (lines: readonly string[], column: number) => lines.map((line) => `${' '.repeat(column)}${line}\n`).join('');

/** Lines inserted at a line start (`at`), indented to `column`; a text without a final newline gets one first. */
export function insertLines(text: string, at: number, lines: readonly string[], column: number): Splice {
  const newline = at === text.length && text.length > 0 && !text.endsWith('\n') ? '\n' : '';
  return { start: at, end: at, text: `${newline}${block(lines, column)}` };
}

export function isBlockMap(node: unknown): node is YAMLMap {
  return isMap(node) && !node.flow && node.range !== undefined;
}

export function isBlockSeq(node: unknown): node is YAMLSeq {
  return isSeq(node) && !node.flow && node.range !== undefined;
}

/** The column a block map's keys are written at. */
export function keyColumn(text: string, map: YAMLMap): number {
  const first = map.items[0]?.key as Node | undefined;
  return columnOf(text, first?.range?.[0] ?? map.range![0]);
}

/** The column of a block list's dashes. */
export function dashColumn(text: string, seq: YAMLSeq): number {
  const first = seq.items[0] as Node | undefined;
  return columnOf(text, text.lastIndexOf('-', first?.range?.[0] ?? seq.range![0]));
}

/** Replaces a pair's value: one line goes where the value is written, after the key; more go under the key,
 * indented past it (a block collection there is replaced in place, at its own column). */
export function replaceValue(text: string, pair: Pair, lines: readonly string[]): Splice {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const colon = text.indexOf(':', key.range![1]) + 1;
  const range = value?.range ?? undefined;
  if (isCollection(value) && !value.flow && range) {
    const column = columnOf(text, range[0]);
    if (lines.length > 1) return { start: range[0], end: range[1], text: block(lines, column).slice(column) };
    // The value's lines go; the key's line keeps its line break.
    return { start: colon, end: text[range[1] - 1] === '\n' ? range[1] - 1 : range[1], text: ` ${lines[0]}` };
  }
  const end = range ? range[1] : colon;
  if (lines.length === 1) return range ? { start: range[0], end, text: lines[0]! } : { start: colon, end, text: ` ${lines[0]}` };
  return { start: colon, end, text: `\n${block(lines, columnOf(text, key.range![0]) + 2).replace(/\n$/, '')}` };
}

/** Removes a pair of a block map, or an item of a block list, with the lines it is written on. */
export function removeLines(text: string, node: Node, start: number): Splice {
  return { start: lineStart(text, start), end: afterLines(text, node, start), text: '' };
}

export function removePair(text: string, pair: Pair): Splice {
  return removeLines(text, (pair.value as Node | null) ?? (pair.key as Node), (pair.key as Node).range![0]);
}

export function removeItem(text: string, item: Node): Splice {
  return removeLines(text, item, text.lastIndexOf('-', item.range![0]));
}
