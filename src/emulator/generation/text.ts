// The lexical layer of the local engine's stand-in translator: request text into rule sentences, a sentence into
// words, and words or identifiers into crude stems. Words keep the writer's spelling, because values such as "US"
// or "payment:process" are case-sensitive; stems exist only to match phrases against tool and field names.

export interface Word {
  /** As written, without surrounding quotes or punctuation. */
  text: string;
  lower: string;
}

/** Words as the writer spelled them, joined by spaces. */
export const spelled = (ws: readonly Word[]): string => ws.map((w) => w.text).join(' ');

/** The same, in double quotes, for messages. */
export const quoted = (ws: readonly Word[]): string => `"${spelled(ws)}"`;

/** The rules of a text: sentences ended by `.`, `!`, `?` or `;` before white space or the end, or by a line break. */
export function splitRules(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|\s*\n\s*/)
    .map((s) => s.trim())
    .filter((s) => /[A-Za-z0-9]/.test(s));
}

const OPENING = /^[("'\u201c\u2018]+/;
const CLOSING = /[)"'\u201d\u2019]+$/;

/** The words of one rule; a comma after a word becomes a word of its own. The closing punctuation is dropped. */
export function words(rule: string): Word[] {
  const out: Word[] = [];
  for (const piece of rule.replace(/[.!?;]+$/, '').split(/\s+/)) {
    const comma = piece.endsWith(',');
    const text = (comma ? piece.slice(0, -1) : piece).replace(OPENING, '').replace(CLOSING, '');
    if (text) out.push({ text, lower: text.toLowerCase() });
    if (comma) out.push({ text: ',', lower: ',' });
  }
  return out;
}

/** A crude suffix-stripping stem: "shipping" and "ship", "filing" and "file", "countries" and "country" agree. */
export function stem(word: string): string {
  let w = word.toLowerCase().replace(/'s$/, '');
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}i`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us') && w.length > 3) w = w.slice(0, -1);
  for (const suffix of ['ing', 'ed']) {
    if (w.endsWith(suffix) && w.length > suffix.length + 2) {
      w = w.slice(0, -suffix.length);
      // Undouble as Porter does, except l, s and z: "shipping" -> "ship", "processing" -> "process".
      if (/([b-df-hj-km-np-rtv-y])\1$/.test(w)) w = w.slice(0, -1);
      break;
    }
  }
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 2) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Lower-case parts of an identifier or a description: `accountVerified`, `process_refund`, `e.g. US`. */
export function parts(text: string): string[] {
  return text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase());
}

/** Words that carry no meaning for matching a phrase against names. */
const FILLER = new Set(['the', 'a', 'an', 'of', 'for', 'to', 'from', 'and', 'or', 'in', 'on', 'by', 'with', 'its', 'their', 'his', 'her', 'this', 'that', 'is', 'are', 'be']);

/** A meaningful word of a text and its stem. */
export interface StemmedWord {
  text: string;
  stem: string;
}

/** The meaningful words of a text, with their stems. */
export function contentWords(text: string): StemmedWord[] {
  return parts(text)
    .filter((p) => !FILLER.has(p))
    .map((p) => ({ text: p, stem: stem(p) }));
}
