// Cedar's `like`: a pattern of literal characters and `*` (any sequence, empty included) matched against the whole
// string, character by character (Unicode scalar values, not UTF-16 units).
import type { EstPattern } from '../cedar/est.js';

/** A pattern as code points, `null` for the wildcard. */
export type Glob = (string | null)[];

export function globOf(pattern: EstPattern): Glob {
  return pattern.flatMap((element) => (element === 'Wildcard' ? [null] : Array.from(element.Literal)));
}

export function globText(glob: Glob): string {
  return glob.map((c) => (c === null ? '*' : c === '*' ? '\\*' : c)).join('');
}

/** The pattern's NFA: state i means "the first i elements are matched"; closing over wildcards, which match empty. */
export function closure(glob: Glob, states: Iterable<number>): number[] {
  const set = new Set<number>();
  for (let state of states) {
    set.add(state);
    while (state < glob.length && glob[state] === null) set.add(++state);
  }
  return [...set].sort((a, b) => a - b);
}

export function step(glob: Glob, states: number[], char: string): number[] {
  const next: number[] = [];
  for (const state of states) {
    const element = glob[state];
    if (element === null) next.push(state);
    else if (element === char) next.push(state + 1);
  }
  return closure(glob, next);
}

export const accepts = (glob: Glob, states: number[]) => states.includes(glob.length);

export function matchGlob(text: string, glob: Glob): boolean {
  let states = closure(glob, [0]);
  for (const char of text) {
    states = step(glob, states, char);
    if (states.length === 0) return false;
  }
  return accepts(glob, states);
}
