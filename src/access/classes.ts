// The values worth trying for one attribute: one representative of each class of values that every test in the
// policies treats alike. For a Long compared with constants c1 < ... < cn: each ci and one value of each gap
// between them (the one next to the lower bound, so witnesses sit at boundaries). For a String tested with `==`
// against constants and with `like` patterns: each constant, and for each combination of patterns that some
// other string matches exactly, the shortest such string, found by a breadth-first walk of the patterns'
// automata run side by side (so a combination is left out only when no string has it).
import { accepts, closure, step, type Glob } from './glob.js';

export function longClasses(constants: number[]): number[] {
  const sorted = [...new Set(constants)].sort((a, b) => a - b);
  if (sorted.length === 0) return [0];
  const values = [sorted[0]! - 1];
  sorted.forEach((c, i) => {
    values.push(c);
    const next = sorted[i + 1];
    if (next === undefined || next - c >= 2) values.push(c + 1);
  });
  return values;
}

/** At most this many automaton states are walked for one attribute; beyond it the answer is "too complex". */
export const STATE_LIMIT = 20_000;

export function stringClasses(constants: string[], globs: Glob[], preferred: string[]): string[] | undefined {
  const named = [...new Set(constants)];
  const isNamed = new Set(named);
  const found = new Map<string, string>();
  const signature = (s: string) => globs.map((g) => (accepts(g, run(g, s)) ? '1' : '0')).join('');
  for (const candidate of preferred) {
    if (!isNamed.has(candidate) && !found.has(signature(candidate))) found.set(signature(candidate), candidate);
  }
  const wanted = 2 ** globs.length;
  if (found.size < wanted && !walk(named, globs, found, wanted)) return undefined;
  return [...named, ...found.values()];
}

function run(glob: Glob, text: string): number[] {
  let states = closure(glob, [0]);
  for (const char of text) states = step(glob, states, char);
  return states;
}

/** Breadth-first over (state of each pattern, prefix of a constant): records the first string outside the
 * constants that reaches each combination of accepting patterns. False when the walk exceeds STATE_LIMIT. */
function walk(named: string[], globs: Glob[], found: Map<string, string>, wanted: number): boolean {
  const used = new Set<string>([...globs.flatMap((g) => g.filter((c): c is string => c !== null)), ...named.flatMap((s) => Array.from(s))]);
  const fresh = [...'xyzabcdefghijklmnopqrstuvw0123456789'].find((c) => !used.has(c)) ?? String.fromCodePoint(0x2460 + used.size);
  const alphabet = [fresh, ...[...used].sort()];
  const prefixes = new Set(named.flatMap((s) => Array.from(s).map((_, i) => Array.from(s).slice(0, i + 1).join(''))));
  const isNamed = new Set(named);
  type Node = { text: string; states: number[][]; prefix: string | undefined };
  const keyOf = (n: Node) => `${n.states.map((s) => s.join(',')).join('|')}#${n.prefix ?? ''}`;
  const start: Node = { text: '', states: globs.map((g) => closure(g, [0])), prefix: '' };
  const seen = new Set([keyOf(start)]);
  let emptyOnly: string | undefined;
  for (let queue = [start], i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    if (!isNamed.has(node.text)) {
      const signature = node.states.map((s, j) => (accepts(globs[j]!, s) ? '1' : '0')).join('');
      // The empty string is a poor witness: keep it only for a combination no other string has.
      if (node.text === '') emptyOnly = signature;
      else if (!found.has(signature)) found.set(signature, node.text);
      if (found.size === wanted) return true;
    }
    for (const char of alphabet) {
      const text = node.text + char;
      const prefix = node.prefix !== undefined && prefixes.has(text) ? text : undefined;
      const next: Node = { text, states: node.states.map((s, j) => step(globs[j]!, s, char)), prefix };
      const key = keyOf(next);
      if (seen.has(key)) continue;
      if (seen.size >= STATE_LIMIT) return false;
      seen.add(key);
      queue.push(next);
    }
  }
  if (emptyOnly !== undefined && !found.has(emptyOnly)) found.set(emptyOnly, '');
  return true;
}
