// Cedar's `like`: a pattern of literal characters and `*` (any sequence, empty included) matched against the whole
// string, character by character (Unicode scalar values, not UTF-16 units).
import type { EstPattern } from '../cedar/est.js';

/** A pattern as code points, `null` for the wildcard. */
export type Glob = (string | null)[];

export function globOf(pattern: EstPattern): Glob {
  return pattern.flatMap((element) => (element === 'Wildcard' ? [null] : Array.from(element.Literal)));
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

/** Greedy matching with backtracking to the last `*`: linear in practice, no allocation beyond the code points. */
export function matchGlob(text: string, glob: Glob): boolean {
  const chars = Array.from(text);
  let [p, i, star, mark] = [0, 0, -1, 0];
  while (i < chars.length) {
    if (p < glob.length && glob[p] !== null && glob[p] === chars[i]) {
      p++;
      i++;
    } else if (p < glob.length && glob[p] === null) {
      star = p++;
      mark = i;
    } else if (star >= 0) {
      p = star + 1;
      i = ++mark;
    } else return false;
  }
  while (p < glob.length && glob[p] === null) p++;
  return p === glob.length;
}

/** `matchGlob` for one pattern, remembering its answers: the search asks about the same few values again and again. */
export function globMatcher(glob: Glob): (text: string) => boolean {
  const known = new Map<string, boolean>();
  return (text) => {
    let answer = known.get(text);
    if (answer === undefined) {
      answer = matchGlob(text, glob);
      if (known.size < 4096) known.set(text, answer);
    }
    return answer;
  };
}
