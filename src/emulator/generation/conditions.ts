// The condition part of a rule sentence: "when the amount is less than $10,000", "when the destination country is
// US, CA, or UK", "unless a description and priority are provided", joined by "and". Only the words are read
// here; which field of which tool they name is decided against the gateway later (resolve.ts).
import { refuse, type Parsed } from './parsed.js';
import { quoted, type Word } from './text.js';

export type Comparator = '<' | '<=' | '>' | '>=' | '==';

export interface NumberValue {
  /** Without `$` or thousands separators: `10000`, `12.5`. */
  digits: string;
  integer: boolean;
  /** Written as money (`$500`, `500 dollars`), so it may stand without a field name: "refunds under $500". */
  money: boolean;
}

export type FieldTest =
  | { kind: 'compare'; op: Comparator; value: NumberValue }
  | { kind: 'oneOf'; values: Word[]; negated: boolean }
  | { kind: 'present'; negated: boolean };

export interface Condition {
  /** The words naming the field; empty when the sentence names none ("refunds under $500"). */
  field: Word[];
  test: FieldTest;
}

export interface Clauses {
  when: Condition[];
  unless: Condition[];
}

const COMPARATOR_PHRASES: [string, Comparator][] = [
  ['less than or equal to', '<='],
  ['greater than or equal to', '>='],
  ['does not exceed', '<='],
  ['not more than', '<='],
  ['no more than', '<='],
  ['not greater than', '<='],
  ['no greater than', '<='],
  ['not less than', '>='],
  ['no less than', '>='],
  ['not exceeding', '<='],
  ['less than', '<'],
  ['lower than', '<'],
  ['fewer than', '<'],
  ['smaller than', '<'],
  ['greater than', '>'],
  ['more than', '>'],
  ['higher than', '>'],
  ['larger than', '>'],
  ['at most', '<='],
  ['up to', '<='],
  ['at least', '>='],
  ['equal to', '=='],
  ['under', '<'],
  ['below', '<'],
  ['over', '>'],
  ['above', '>'],
  ['exceeds', '>'],
  ['exceed', '>'],
  ['exceeding', '>'],
  ['equals', '=='],
  ['exactly', '=='],
];
const COMPARATORS = COMPARATOR_PHRASES.map(([phrase, op]) => ({ words: phrase.split(' '), op }));

/** The comparator phrase starting at `i`, longest first. */
export function comparatorAt(ws: readonly Word[], i: number): { op: Comparator; phrase: string; next: number } | undefined {
  for (const c of COMPARATORS) {
    if (c.words.every((w, k) => ws[i + k]?.lower === w)) return { op: c.op, phrase: c.words.join(' '), next: i + c.words.length };
  }
  return undefined;
}

const NUMBER = /^(\$)?((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)$/;
const CURRENCY = new Set(['dollars', 'dollar', 'usd']);

/** A number written as `500`, `$10,000`, `12.5` or `500 dollars`. */
export function numberAt(ws: readonly Word[], i: number): { value: NumberValue; next: number } | undefined {
  const match = ws[i] && NUMBER.exec(ws[i].text);
  if (!match) return undefined;
  const currency = ws[i + 1] !== undefined && CURRENCY.has(ws[i + 1]!.lower);
  const digits = match[2]!.replaceAll(',', '');
  return { value: { digits, integer: !digits.includes('.'), money: Boolean(match[1]) || currency }, next: i + (currency ? 2 : 1) };
}

const COPULAS = new Set(['is', 'are', 'was', 'were']);
const PRESENT = new Set(['provided', 'present', 'given', 'supplied', 'specified', 'included', 'set']);
const ABSENT = new Set(['missing', 'absent', 'omitted']);
const WHEN = new Set(['when', 'if', 'where', 'whenever']);
/** Words that end a list of values. */
const LIST_END = new Set(['and', 'or', 'when', 'if', 'where', 'whenever', 'unless', ',']);
const ARTICLES = new Set(['the', 'a', 'an']);
const ONLY_AND = 'Only "and" can join conditions; write one sentence per alternative.';

/** Index after a "when"/"if"/"unless" opener at `i` (with an optional leading "only"), and its clause. */
export function hardOpenerAt(ws: readonly Word[], i: number): { clause: 'when' | 'unless'; next: number } | undefined {
  const at = ws[i]?.lower === 'only' ? i + 1 : i;
  const word = ws[at]?.lower;
  if (word === 'unless') return { clause: 'unless', next: at + 1 };
  return word !== undefined && WHEN.has(word) ? { clause: 'when', next: at + 1 } : undefined;
}

/** A list of values: `US`, `US or CA`, `US, CA, or UK`; stops at `stop` words. */
export function valuesAt(ws: readonly Word[], i: number, stop: ReadonlySet<string> = LIST_END): { values: Word[]; next: number } | undefined {
  const values: Word[] = [];
  let j = i;
  for (;;) {
    const word = ws[j];
    if (!word || stop.has(word.lower) || LIST_END.has(word.lower)) break;
    values.push(word);
    j++;
    const joined = ws[j]?.lower === ',' ? j + 1 : j;
    const conjunction = ws[joined]?.lower === 'or' || (joined > j && ws[joined]?.lower === 'and');
    const next = conjunction ? joined + 1 : joined;
    // ", and the amount ..." joins a new condition, not another value.
    if ((joined === j && !conjunction) || ARTICLES.has(ws[next]?.lower ?? '')) break;
    j = next;
  }
  return values.length > 0 ? { values, next: j } : undefined;
}

function predicateStartsAt(ws: readonly Word[], i: number): boolean {
  const word = ws[i]!.lower;
  return COPULAS.has(word) || word === 'exists' || word === 'exist' || comparatorAt(ws, i) !== undefined;
}

/** The test after a field phrase: "is less than $500", "exceeds $5000", "are provided", "is US, CA, or UK". */
function predicateAt(ws: readonly Word[], i: number, field: readonly Word[]): Parsed<{ test: FieldTest; next: number }> {
  let j = i;
  const copula = ws[j] !== undefined && COPULAS.has(ws[j]!.lower);
  if (copula) j++;
  const comparator = comparatorAt(ws, j);
  if (comparator) {
    const number = numberAt(ws, comparator.next);
    if (!number) return refuse(`"${comparator.phrase}" must be followed by a number, such as "${comparator.phrase} $10,000".`);
    return { ok: true, value: { test: { kind: 'compare', op: comparator.op, value: number.value }, next: number.next } };
  }
  if (!copula && (ws[j]?.lower === 'exists' || ws[j]?.lower === 'exist')) return { ok: true, value: { test: { kind: 'present', negated: false }, next: j + 1 } };
  if (!copula) return refuse(`No condition follows ${quoted(field)}: say "is", "exceeds", "less than", "is provided", ...`);
  const negated = ws[j]?.lower === 'not';
  if (negated) j++;
  const word = ws[j]?.lower ?? '';
  if (PRESENT.has(word)) return { ok: true, value: { test: { kind: 'present', negated }, next: j + 1 } };
  if (ABSENT.has(word)) return { ok: true, value: { test: { kind: 'present', negated: !negated }, next: j + 1 } };
  if (word === 'in' || word === 'either') j++;
  else if ((word === 'one' || word === 'any') && ws[j + 1]?.lower === 'of') j += 2;
  const list = valuesAt(ws, j);
  if (!list) return refuse(`No value follows ${quoted(field)}.`);
  return { ok: true, value: { test: { kind: 'oneOf', values: list.values, negated }, next: list.next } };
}

/**
 * The clauses from `start` to the end of the words. `start` is at "when"/"if"/"where"/"unless" (optionally after
 * "only"), at "for"/"with"/"of" ("refunds for amounts less than $500"), or at a bare comparator ("under $500").
 * A field phrase followed by "and" and no test shares the next test: "a description and priority are provided".
 * An empty field phrase repeats the previous one: "the amount is over $5 and under $10".
 */
export function parseClauses(ws: readonly Word[], start: number): Parsed<Clauses> {
  const clauses: Clauses = { when: [], unless: [] };
  const opener = hardOpenerAt(ws, start);
  let target = opener?.clause === 'unless' ? clauses.unless : clauses.when;
  let i = opener ? opener.next : ['for', 'with', 'of'].includes(ws[start]?.lower ?? '') ? start + 1 : start;
  let pending: Word[][] = [];
  let previous: Word[] = [];
  while (i < ws.length) {
    const from = i;
    while (i < ws.length && ws[i]!.lower !== 'and' && !predicateStartsAt(ws, i)) {
      if (ws[i]!.lower === 'or') return refuse(ONLY_AND);
      if (hardOpenerAt(ws, i)) return refuse(`No condition follows ${quoted(ws.slice(from, i))}.`);
      i++;
    }
    const field = ws.slice(from, i);
    if (ws[i]?.lower === 'and' && field.length > 0) {
      pending.push(field);
      i++;
      continue;
    }
    if (i >= ws.length) return refuse(`No condition follows ${quoted(field)}.`);
    const predicate = predicateAt(ws, i, field);
    if (!predicate.ok) return predicate;
    const fields = [...pending, field.length > 0 ? field : previous];
    for (const f of fields) target.push({ field: f, test: predicate.value.test });
    previous = fields[fields.length - 1]!;
    pending = [];
    i = predicate.value.next;
    if (i >= ws.length) break;
    if (ws[i]!.lower === 'or') return refuse(ONLY_AND);
    if (ws[i]!.lower === ',') i++;
    if (ws[i]?.lower === 'and') i++;
    const next = hardOpenerAt(ws, i);
    if (next) {
      target = next.clause === 'unless' ? clauses.unless : clauses.when;
      previous = [];
      i = next.next;
    } else if (i === predicate.value.next) {
      return refuse(`The local engine does not understand ${quoted(ws.slice(i))}.`);
    }
  }
  if (pending.length > 0) return refuse(`No condition follows ${quoted(pending[pending.length - 1]!)}.`);
  if (clauses.when.length + clauses.unless.length === 0) return refuse('The sentence ends before its condition.');
  return { ok: true, value: clauses };
}
