// Small pure text helpers every layer shares (the planner included, which may import nothing with I/O).

/** Cuts to at most `max` characters with an ellipsis, never between the halves of a surrogate pair: half an emoji
 * is not valid text to send or show. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max - 1;
  if (/[\uDC00-\uDFFF]/.test(text[cut] ?? '')) cut--;
  return `${text.slice(0, cut)}…`;
}

/** `1 policy`, `2 policies`: a count with its noun in the right number (the plural is `<noun>s` unless given). */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
