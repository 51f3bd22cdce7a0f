// Matching a phrase of the request against named things (tools, input properties) by stems: the candidate that
// explains the most words wins, then the one with more of them in its name than in its description (or other
// context). Only a single best candidate is a match; a tie is reported, never broken by guessing.
import { contentWords, type StemmedWord } from './text.js';

export interface Candidate<T> {
  item: T;
  name: string;
  /** Description and other context words (for a tool: its target's name and description). */
  context: string;
}

export type Match<T> = { kind: 'one'; item: T; score: number; unmatched: StemmedWord[] } | { kind: 'none' } | { kind: 'tie'; items: T[] };

/** Stems of a candidate's name and of its context. */
export function stemsOf(candidate: Pick<Candidate<unknown>, 'name' | 'context'>): { name: Set<string>; context: Set<string> } {
  const stems = (text: string) => new Set(contentWords(text).map((w) => w.stem));
  return { name: stems(candidate.name), context: stems(candidate.context) };
}

/** The candidate the phrase names best: the one explaining the most words, then the one with the most of them in
 * its name; with the phrase words it left unexplained. */
export function bestMatch<T>(phrase: readonly StemmedWord[], candidates: readonly Candidate<T>[]): Match<T> {
  let best: { item: T; score: number; unmatched: StemmedWord[] }[] = [];
  for (const candidate of candidates) {
    const stems = stemsOf(candidate);
    let score = 0;
    const unmatched: StemmedWord[] = [];
    for (const word of phrase) {
      if (stems.name.has(word.stem)) score += 2;
      else if (stems.context.has(word.stem)) score += 1;
      else unmatched.push(word);
    }
    if (score === 0) continue;
    const order = best[0] ? unmatched.length - best[0].unmatched.length || best[0].score - score : -1;
    if (order < 0) best = [{ item: candidate.item, score, unmatched }];
    else if (order === 0) best.push({ item: candidate.item, score, unmatched });
  }
  if (best.length === 0) return { kind: 'none' };
  if (best.length > 1) return { kind: 'tie', items: best.map((b) => b.item) };
  return { kind: 'one', ...best[0]! };
}
