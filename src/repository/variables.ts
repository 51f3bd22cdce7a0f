// Fills `{{variable}}` placeholders inside Cedar string literals from an engine's variables. Values are escaped as
// Cedar string content, so a value can never end the literal and inject policy text. Offsets in the filled text
// map back to the source, so findings on a filled statement point at the line the user wrote.
import { tokenize } from '../cedar/tokens.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

export interface UnknownVariable {
  name: string;
  /** UTF-16 offset of the placeholder in the source. */
  offset: number;
}

export interface Filled {
  text: string;
  unknown: UnknownVariable[];
  /** Maps a UTF-16 offset in `text` back to the source. */
  toSource: (offset: number) => number;
}

interface Replacement {
  sourceStart: number;
  sourceEnd: number;
  filledStart: number;
  filledEnd: number;
}

/** Cedar string-literal escaping of a raw value. */
export function escapeCedarString(value: string): string {
  return value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\t/g, '\\t').replace(/\0/g, '\\0');
}

export function fillVariables(source: string, variables: Readonly<Record<string, string>>): Filled {
  const unknown: UnknownVariable[] = [];
  const replacements: Replacement[] = [];
  let text = '';
  let copied = 0;
  for (const token of tokenize(source)) {
    if (token.kind !== 'string' || !token.text.includes('{{')) continue;
    for (const match of token.text.matchAll(PLACEHOLDER)) {
      const name = match[1]!;
      const sourceStart = token.start + match.index;
      const value = variables[name];
      if (value === undefined) {
        unknown.push({ name, offset: sourceStart });
        continue;
      }
      text += source.slice(copied, sourceStart);
      const filledStart = text.length;
      text += escapeCedarString(value);
      replacements.push({ sourceStart, sourceEnd: sourceStart + match[0].length, filledStart, filledEnd: text.length });
      copied = sourceStart + match[0].length;
    }
  }
  text += source.slice(copied);
  return { text, unknown, toSource: (offset) => mapBack(replacements, offset) };
}

function mapBack(replacements: Replacement[], offset: number): number {
  let shift = 0;
  for (const r of replacements) {
    if (offset < r.filledStart) break;
    if (offset < r.filledEnd) return r.sourceStart; // inside a filled value: point at its placeholder
    shift = r.sourceEnd - r.filledEnd;
  }
  return offset + shift;
}

/** Names used as placeholders anywhere in a text (string literals or YAML values), for reporting. */
export function placeholdersIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/** Fills a plain string (a test's resource, say) where the whole value may hold placeholders. */
export function fillPlain(value: string, variables: Readonly<Record<string, string>>): { text: string; unknown: string[] } {
  const unknown: string[] = [];
  const text = value.replace(PLACEHOLDER, (whole, name: string) => {
    const found = variables[name];
    if (found === undefined) unknown.push(name);
    return found ?? whole;
  });
  return { text, unknown };
}
