// Fills `{{variable}}` placeholders inside Cedar string literals from an engine's variables. Values are escaped as
// Cedar string content, so a value can never end the literal and inject policy text. Offsets in the filled text
// map back to the source, so findings on a filled statement point at the line the user wrote.
import { tokenize, type Token } from '../cedar/tokens.js';

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

/** A `{{name}}` inside a string literal; UTF-16 offsets into the source. */
export interface Placeholder {
  name: string;
  start: number;
  end: number;
}

/** The placeholders of a policy, which do not depend on the engine: find them once, fill them per engine. Pass the
 * policy's tokens when they are already at hand. */
export function findPlaceholders(source: string, tokens?: readonly Token[]): Placeholder[] {
  if (!source.includes('{{')) return [];
  const found: Placeholder[] = [];
  for (const token of tokens ?? tokenize(source)) {
    if (token.kind !== 'string' || !token.text.includes('{{')) continue;
    for (const match of token.text.matchAll(PLACEHOLDER)) {
      const start = token.start + match.index;
      found.push({ name: match[1]!, start, end: start + match[0].length });
    }
  }
  return found;
}

/** Offsets of every `{{` in `text` that does not open a well-formed `{{name}}`: left alone, it would silently stay
 * in the statement as literal text (a gateway named "{{refund_gateway}", say). */
export function malformedPlaceholders(text: string): number[] {
  if (!text.includes('{{')) return [];
  const valid = new Set([...text.matchAll(PLACEHOLDER)].map((match) => match.index));
  const malformed: number[] = [];
  for (let i = text.indexOf('{{'); i >= 0; i = text.indexOf('{{', i + 2)) if (!valid.has(i)) malformed.push(i);
  return malformed;
}

export function fillVariables(source: string, variables: Readonly<Record<string, string>>, placeholders = findPlaceholders(source)): Filled {
  const unknown: UnknownVariable[] = [];
  const replacements: Replacement[] = [];
  let text = '';
  let copied = 0;
  for (const { name, start, end } of placeholders) {
    const value = variables[name];
    if (value === undefined) {
      unknown.push({ name, offset: start });
      continue;
    }
    text += source.slice(copied, start);
    const filledStart = text.length;
    text += escapeCedarString(value);
    replacements.push({ sourceStart: start, sourceEnd: end, filledStart, filledEnd: text.length });
    copied = end;
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
