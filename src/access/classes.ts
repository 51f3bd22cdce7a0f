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
const STATE_LIMIT = 20_000;

const CACHE_LIMIT = 1_000;
const cache = new Map<string, string[] | undefined>();

/** Cached: the same constants and patterns recur across the tools a policy set covers. */
export function stringClasses(constants: string[], globs: Glob[], preferred: string[]): string[] | undefined {
  const key = JSON.stringify([constants, globs, preferred]);
  if (cache.has(key)) return cache.get(key);
  const classes = computeStringClasses(constants, globs, preferred);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(key, classes);
  return classes;
}

function computeStringClasses(constants: string[], globs: Glob[], preferred: string[]): string[] | undefined {
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

/** One pattern's automaton, determinized as it is walked: state ids stand for sets of pattern positions. */
class PatternAutomaton {
  private readonly ids = new Map<string, number>();
  private readonly sets: number[][] = [];
  private readonly moves: number[][] = [];
  readonly accepting: boolean[] = [];
  readonly start: number;

  constructor(
    private readonly glob: Glob,
    private readonly alphabet: string[],
  ) {
    this.start = this.intern(closure(glob, [0]));
  }

  private intern(states: number[]): number {
    const key = states.join(',');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.ids.set(key, id);
      this.sets.push(states);
      this.moves.push([]);
      this.accepting.push(accepts(this.glob, states));
    }
    return id;
  }

  next(state: number, char: number): number {
    const known = this.moves[state]![char];
    if (known !== undefined) return known;
    const id = this.intern(step(this.glob, this.sets[state]!, this.alphabet[char]!));
    this.moves[state]![char] = id;
    return id;
  }
}

/** The constants as a trie over the alphabet: node 0 is the empty prefix, -1 the prefix of no constant. */
function trieOf(named: string[], alphabet: string[]) {
  const children: Map<number, number>[] = [new Map()];
  const ends = [false];
  for (const text of named) {
    let node = 0;
    for (const char of text) {
      const c = alphabet.indexOf(char);
      let child = children[node]!.get(c);
      if (child === undefined) {
        child = children.length;
        children.push(new Map());
        ends.push(false);
        children[node]!.set(c, child);
      }
      node = child;
    }
    ends[node] = true;
  }
  return { next: (node: number, c: number) => (node < 0 ? -1 : (children[node]!.get(c) ?? -1)), isEnd: (node: number) => node >= 0 && ends[node]! };
}

/** Breadth-first over (state of each pattern, place in the constants' trie): records the first string outside the
 * constants that reaches each combination of accepting patterns. False when the walk exceeds STATE_LIMIT. */
function walk(named: string[], globs: Glob[], found: Map<string, string>, wanted: number): boolean {
  const used = new Set<string>([...globs.flatMap((g) => g.filter((c): c is string => c !== null)), ...named.flatMap((s) => Array.from(s))]);
  const fresh = [...'xyzabcdefghijklmnopqrstuvw0123456789'].find((c) => !used.has(c)) ?? String.fromCodePoint(0x2460 + used.size);
  const alphabet = [fresh, ...[...used].sort()];
  const automata = globs.map((g) => new PatternAutomaton(g, alphabet));
  const trie = trieOf(named, alphabet);
  // A state is the automata's state ids and the trie node, kept as one string of char codes (ids stay small).
  const keyOf = (states: number[], node: number) => String.fromCharCode(node + 1, ...states);
  const texts = [''];
  const states = [automata.map((a) => a.start)];
  const nodes = [0];
  const seen = new Set([keyOf(states[0]!, 0)]);
  let emptyOnly: string | undefined;
  for (let i = 0; i < texts.length; i++) {
    const [text, current, node] = [texts[i]!, states[i]!, nodes[i]!];
    if (!trie.isEnd(node)) {
      let signature = '';
      for (let j = 0; j < automata.length; j++) signature += automata[j]!.accepting[current[j]!] ? '1' : '0';
      // The empty string is a poor witness: keep it only for a combination no other string has.
      if (text === '') emptyOnly = signature;
      else if (!found.has(signature)) found.set(signature, text);
      if (found.size === wanted) return true;
    }
    for (let c = 0; c < alphabet.length; c++) {
      const next = current.map((s, j) => automata[j]!.next(s, c));
      const child = trie.next(node, c);
      const key = keyOf(next, child);
      if (seen.has(key)) continue;
      if (seen.size >= STATE_LIMIT) return false;
      seen.add(key);
      texts.push(text + alphabet[c]);
      states.push(next);
      nodes.push(child);
    }
  }
  if (emptyOnly !== undefined && !found.has(emptyOnly)) found.set(emptyOnly, '');
  return true;
}
