// Quoting untrusted text into a GitHub comment. A policy description or name comes from a pull request or from the
// service, so it must not be able to inject HTML, close our <details>, break a table or a code fence, ping people
// (@someone) or link issues (#123).
import { oneLine } from './sanitize.js';

// Markdown and HTML metacharacters, written as numeric entities so they display but never act (`:` stops
// autolinks, `$` stops math). Quoted text never starts a line, so list and heading markers need no escape.
const SPECIAL = /[&<>"'`|\\*_[\]~!:$#]/g;
const ZWJ = '\u200d';

/** One line of inline text, clipped to `max` characters before escaping. Safe in paragraphs, table cells,
 * list items and <summary>. Mentions and issue references (`@team`, `#12`, `GH-12`) get a zero-width joiner:
 * GitHub matches them on the rendered text, where entities are already decoded. GFM links `www.` without a
 * scheme: the dot after it becomes an entity, which the autolinker does not read as one. */
export function inline(text: string, max = 200): string {
  return oneLine(text, max)
    .replace(SPECIAL, (ch) => `&#${ch.codePointAt(0)};${ch === '#' ? ZWJ : ''}`)
    .replace(/@/g, `@${ZWJ}`)
    .replace(/\b(gh-)(?=\d)/gi, `$1${ZWJ}`)
    .replace(/(www)\./gi, '$1&#46;');
}

function longestBacktickRun(lines: string[]): number {
  let longest = 0;
  for (const line of lines) for (const run of line.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** A fenced code block whose fence is longer than any backtick run inside, so no line can close it early. */
export function fence(lines: string[], language: string): string {
  const marker = '`'.repeat(Math.max(3, longestBacktickRun(lines) + 1));
  return [`${marker}${language}`, ...lines, marker].join('\n');
}

/** An http(s) URL fit for a markdown link target, or undefined. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url || !/^https?:\/\/[^\s]+$/i.test(url)) return undefined;
  return url.replace(/[()<>"'`\\[\]|]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}
