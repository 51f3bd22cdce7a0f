// Text quoted from the repository or the service is not trusted to be printable: a description can carry terminal
// escape sequences or bidirectional overrides (Trojan Source). Every renderer passes quoted text through here.
import { clip } from '../text.js';

// C0 and C1 controls except tab and newline, plus the bidi embedding, override and isolate characters.
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Unsafe characters shown as visible `\u{..}` escapes; tabs and newlines kept. */
export function visible(text: string): string {
  return text.replace(UNSAFE, (ch) => `\\u{${ch.codePointAt(0)!.toString(16)}}`);
}

/** One safe line: newlines shown as `⏎`, unsafe characters escaped, at most `max` characters. */
export function oneLine(text: string, max = 200): string {
  return clip(visible(text).replace(/\r?\n/g, ' ⏎ ').replace(/\t/g, ' '), max);
}
