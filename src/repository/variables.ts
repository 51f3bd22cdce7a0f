// Fills `{{variable}}` placeholders inside Cedar string literals from an engine's variables. Values are escaped as
// Cedar string content, so a value can never end the literal and inject policy text, and inside a `like` pattern
// their `*` stays a star rather than becoming a wildcard. A literal `{{` is written `\u{7b}{` (Cedar's own escape for
// `{`, so the file stays valid Cedar); the filler decodes it, so the statement sent reads as the service shows it.
// Offsets in the filled text map back to the source, so findings on a filled statement point at the line the user
// wrote. Variables are looked up as own properties only: `{{constructor}}` is an unknown variable, not a function.
import { tokenize, type Token } from '../cedar/tokens.js';
import { closest } from './suggest.js';

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
/** A backslash escape in a string literal's text: `\u{7b}` in any spelling Cedar accepts (group 1), or any other,
 * consumed whole so that the `u{7b}` of an escaped backslash followed by `u{7b}` is not read as one. */
const ESCAPE = /\\(?:(u\{0{0,4}7[bB]\})|[\s\S])/g;

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

/** Escaping inside a `like` pattern literal, where a bare `*` is a wildcard and `\*` a star. */
export function escapeCedarPattern(value: string): string {
  return escapeCedarString(value).replace(/\*/g, '\\*');
}

/** The text of a string literal with every `{{` written `\u{7b}{`, so no variable is read into it. */
export function escapeLiteralBraces(literal: string): string {
  return literal.replace(/\{(?=\{)/g, '\\u{7b}');
}

/** Whether the string literal at `index` is a `like` pattern. */
export function isPattern(tokens: readonly Token[], index: number): boolean {
  const before = tokens[index - 1];
  return before?.kind === 'ident' && before.text === 'like';
}

/** A variable's value, looked up as the variables' own property only. */
export function variableValue(variables: Readonly<Record<string, string>>, name: string): string | undefined {
  return Object.hasOwn(variables, name) ? variables[name] : undefined;
}

/** `engines/x.yaml has no variable "nmae"; did you mean "name"?` */
export function noSuchVariable(name: string, engine: { file: string; variables: Readonly<Record<string, string>> }): string {
  const hint = closest(name, Object.keys(engine.variables));
  return `${engine.file} has no variable "${name}"${hint ? `; did you mean "${hint}"?` : ''}`;
}

/** What the filler replaces inside a string literal: a `{{name}}` (`inPattern` when the literal is a `like`
 * pattern), or a `\u{7b}` it decodes to `{`. UTF-16 offsets into the source. */
export type Placeholder = { kind: 'variable'; name: string; start: number; end: number; inPattern: boolean } | { kind: 'brace'; start: number; end: number };

/** The names of the variables a policy's source uses, each once. */
export function variableNames(source: string, placeholders = findPlaceholders(source)): string[] {
  return [...new Set(placeholders.flatMap((p) => (p.kind === 'variable' ? [p.name] : [])))];
}

/** The placeholders of a policy, which do not depend on the engine: find them once, fill them per engine. Pass the
 * policy's tokens when they are already at hand. */
export function findPlaceholders(source: string, tokens?: readonly Token[]): Placeholder[] {
  if (!source.includes('{{') && !source.includes('\\u{')) return [];
  const found: Placeholder[] = [];
  const all = tokens ?? tokenize(source);
  all.forEach((token, index) => {
    if (token.kind !== 'string') return;
    if (token.text.includes('\\')) {
      for (const match of token.text.matchAll(ESCAPE)) {
        if (match[1] !== undefined) found.push({ kind: 'brace', start: token.start + match.index, end: token.start + match.index + match[1].length + 1 });
      }
    }
    if (!token.text.includes('{{')) return;
    const inPattern = isPattern(all, index);
    for (const match of token.text.matchAll(PLACEHOLDER)) {
      const start = token.start + match.index;
      found.push({ kind: 'variable', name: match[1]!, start, end: start + match[0].length, inPattern });
    }
  });
  return found.sort((a, b) => a.start - b.start);
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
  for (const placeholder of placeholders) {
    const { start, end } = placeholder;
    let filled = '{';
    if (placeholder.kind === 'variable') {
      const value = variableValue(variables, placeholder.name);
      if (value === undefined) {
        unknown.push({ name: placeholder.name, offset: start });
        continue;
      }
      filled = placeholder.inPattern ? escapeCedarPattern(value) : escapeCedarString(value);
    }
    text += source.slice(copied, start);
    const filledStart = text.length;
    text += filled;
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
    const found = variableValue(variables, name);
    if (found === undefined) unknown.push(name);
    return found ?? whole;
  });
  return { text, unknown };
}
