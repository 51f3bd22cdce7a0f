// What a policy's conditions become for the search: a Boolean formula over tests of single variables, evaluated
// with Cedar's semantics (an error is neither true nor false: `&&`/`||`/`if` short-circuit from the left and pass
// an error on; `!` keeps it). Each test sits behind guards, the presence of the optional attributes and tags it
// reads: an absent one makes the test an error, as reading it does in Cedar.
import type { Glob } from './glob.js';
import type { Scalar } from './values.js';

export type Outcome = 'T' | 'F' | 'E';
export type CompareOp = '<' | '<=' | '>' | '>=';

export type Test =
  | { t: 'present'; v: string }
  | { t: 'eq'; v: string; c: Scalar }
  | { t: 'cmp'; v: string; op: CompareOp; c: number }
  | { t: 'like'; v: string; glob: Glob; match: (text: string) => boolean }
  | { t: 'bool'; v: string }
  /** `v` is the bit variable of one Set element. */
  | { t: 'member'; v: string }
  /** Every element of the Set `set` (a place key) is one of `of`. */
  | { t: 'subset'; set: string; of: Scalar[] }
  | { t: 'opaque'; v: string }
  | { t: 'fixed'; o: Outcome };

export type Formula =
  | { k: 'const'; o: Outcome }
  | { k: 'atom'; guards: string[]; test: Test }
  | { k: 'and' | 'or'; a: Formula; b: Formula }
  | { k: 'not'; a: Formula }
  | { k: 'ite'; c: Formula; a: Formula; b: Formula };

export const TRUE: Formula = { k: 'const', o: 'T' };
export const FALSE: Formula = { k: 'const', o: 'F' };
export const ERROR: Formula = { k: 'const', o: 'E' };

export function atom(guards: string[], test: Test): Formula {
  if (test.t === 'fixed' && (guards.length === 0 || test.o === 'E')) return { k: 'const', o: test.o };
  return { k: 'atom', guards, test };
}

export function and(a: Formula, b: Formula): Formula {
  if (a.k === 'const') return a.o === 'T' ? b : a;
  return b.k === 'const' && b.o === 'T' ? a : { k: 'and', a, b };
}

export function or(a: Formula, b: Formula): Formula {
  if (a.k === 'const') return a.o === 'F' ? b : a;
  return b.k === 'const' && b.o === 'F' ? a : { k: 'or', a, b };
}

export function not(a: Formula): Formula {
  if (a.k === 'const') return a.o === 'E' ? a : a.o === 'T' ? FALSE : TRUE;
  return a.k === 'not' ? a.a : { k: 'not', a };
}

export function ite(c: Formula, a: Formula, b: Formula): Formula {
  if (c.k === 'const') return c.o === 'E' ? c : c.o === 'T' ? a : b;
  return { k: 'ite', c, a, b };
}

/** Guarded tests combined with `||`/`&&` (Cedar reads the guarded attribute once; reading it again changes nothing). */
export function anyOf(guards: string[], tests: Test[]): Formula {
  return tests.length === 0 ? atom(guards, { t: 'fixed', o: 'F' }) : tests.map((t) => atom(guards, t)).reduce(or);
}

export function allOf(guards: string[], tests: Test[]): Formula {
  return tests.length === 0 ? atom(guards, { t: 'fixed', o: 'T' }) : tests.map((t) => atom(guards, t)).reduce(and);
}

/** The search's current partial request: the representative value of each assigned variable. */
export interface Assignment {
  get(key: string): unknown;
  /** The elements policies name for a Set input, with the key of each one's bit. */
  elements(set: string): { element: Scalar; bit: string }[];
  /** The bit of "an element no policy names" for a Set input. */
  extra(set: string): string;
}

/** Decided, or blocked on the first unassigned variable it needs. */
export type Result = Outcome | { blocked: string };

export function evaluate(f: Formula, a: Assignment): Result {
  switch (f.k) {
    case 'const':
      return f.o;
    case 'atom':
      for (const guard of f.guards) {
        const present = a.get(guard);
        if (present === undefined) return { blocked: guard };
        if (present === false) return 'E';
      }
      return test(f.test, a);
    case 'and':
    case 'or': {
      const left = evaluate(f.a, a);
      if (left === (f.k === 'and' ? 'T' : 'F')) return evaluate(f.b, a);
      return left;
    }
    case 'not': {
      const inner = evaluate(f.a, a);
      return inner === 'T' ? 'F' : inner === 'F' ? 'T' : inner;
    }
    case 'ite': {
      const c = evaluate(f.c, a);
      return c === 'T' ? evaluate(f.a, a) : c === 'F' ? evaluate(f.b, a) : c;
    }
  }
}

const truth = (b: boolean): Outcome => (b ? 'T' : 'F');

function test(t: Test, a: Assignment): Result {
  if (t.t === 'fixed') return t.o;
  if (t.t === 'subset') return subset(t.set, t.of, a);
  const value = a.get(t.v);
  if (value === undefined) return { blocked: t.v };
  switch (t.t) {
    case 'present':
    case 'bool':
    case 'member':
      return truth(value === true);
    case 'eq':
      return truth(value === t.c);
    case 'cmp': {
      const n = value as number;
      return truth(t.op === '<' ? n < t.c : t.op === '<=' ? n <= t.c : t.op === '>' ? n > t.c : n >= t.c);
    }
    case 'like':
      return truth(t.match(value as string));
    case 'opaque':
      return value as Outcome;
  }
}

function subset(set: string, of: Scalar[], a: Assignment): Result {
  for (const { element, bit } of a.elements(set)) {
    if (of.includes(element)) continue;
    const held = a.get(bit);
    if (held === undefined) return { blocked: bit };
    if (held === true) return 'F';
  }
  const extra = a.get(a.extra(set));
  if (extra === undefined) return { blocked: a.extra(set) };
  return truth(extra === false);
}
