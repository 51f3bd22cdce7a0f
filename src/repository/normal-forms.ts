// Cedar's normal form of statements (the formatter's output), the form apply sends and plans compare. Formatting
// costs about half a millisecond a statement, which a plan over 1,000 policies would pay twice (the desired text and
// the live one), so `normalForms()` formats each statement once per layout: Cedar's formatter lays out the tokens and
// comments alone, so two texts with the same tokens, no comments and different whitespace have one normal form (and
// a normal form is its own: normal-forms.test.ts checks both against cedar-wasm). A statement apply sent, known by
// the hash its marker records, is already in normal form: `trust` records it without formatting it again.
import { formatCedar } from '../cedar/format.js';

/** Cedar's normal form of a statement; undefined when it does not parse. */
export function normalizeStatement(statement: string): string | undefined {
  const formatted = formatCedar(statement);
  return formatted.ok ? formatted.formatted.trimEnd() : undefined;
}

export interface NormalForms {
  normalize(statement: string): string | undefined;
  /** Records a statement known to be in normal form (one apply sent, unchanged since). */
  trust(statement: string): void;
}

/** Cedar's whitespace (as the lexer in cedar/tokens.ts has it), and its string literals as that lexer reads them. */
const SPACE = /[\t-\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
const STRING = /"(?:[^"\\]|\\[\s\S]?)*"?/g;

/** A comment-free text with every run of whitespace outside its string literals made one space, and none at either
 * end: two texts with one layout have the same tokens, only the whitespace between them differing. Undefined for a
 * text with a comment, whose place relative to line breaks the formatter keeps. */
export function layoutOf(text: string): string | undefined {
  let layout = '';
  let end = 0;
  const code = (part: string) => (part.includes('//') ? undefined : part.replace(SPACE, ' '));
  for (const literal of text.matchAll(STRING)) {
    const before = code(text.slice(end, literal.index));
    if (before === undefined) return undefined;
    layout += before + literal[0];
    end = literal.index + literal[0].length;
  }
  const rest = code(text.slice(end));
  if (rest === undefined) return undefined;
  layout += rest.endsWith(' ') ? rest.slice(0, -1) : rest;
  return layout.startsWith(' ') ? layout.slice(1) : layout;
}

/** A memo of normal forms, for one run over one set of statements (a plan, an apply). */
export function normalForms(): NormalForms {
  // Keyed by layout; a text with comments by its own text (no layout is a text with a comment: see layoutOf).
  const memo = new Map<string, string | undefined>();
  // And by the very text, which spares finding the layout of a text seen before (a trusted live statement).
  const seen = new Map<string, string | undefined>();
  const keyOf = (text: string) => layoutOf(text) ?? text;
  const remember = (text: string, normal: string | undefined) => {
    seen.set(text, normal);
    return normal;
  };
  return {
    normalize(statement) {
      if (seen.has(statement)) return seen.get(statement);
      const key = keyOf(statement);
      if (memo.has(key)) return remember(statement, memo.get(key));
      const normal = normalizeStatement(statement);
      memo.set(key, normal);
      if (normal !== undefined) {
        const own = keyOf(normal);
        if (!memo.has(own)) memo.set(own, normal);
      }
      return remember(statement, normal);
    },
    trust(statement) {
      const key = keyOf(statement);
      if (!memo.has(key)) memo.set(key, statement);
      remember(statement, memo.get(key));
    },
  };
}
