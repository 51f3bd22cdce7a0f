// What a comment must be on GitHub whatever it quotes: HTML only the tags the renderers write (<details>, <summary>,
// <code>, <sub>, <b>), balanced, every code fence closed, every table row as many cells as its header, no bidirectional
// control characters, no line past a limit, and no @mention or #reference GitHub would link (GitHub finds those in
// the rendered text, so they are looked for after character references are decoded; code fences are left alone,
// as GitHub leaves them).

const TAGS = new Set(['details', 'summary', 'code', 'sub', 'b']);
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X')) return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(Number(ref.slice(1)));
    return NAMED[ref.toLowerCase()] ?? whole;
  });
}

/** Table cells are split on every `|` not escaped with a backslash, inside code spans too, as GitHub does. */
const pipes = (line: string) => line.replace(/\\\|/g, '').split('|').length - 1;

/** Everything wrong with `markdown` as a comment; empty when it is well-formed. */
export function commentProblems(markdown: string, maxLine = 10_000): string[] {
  const problems: string[] = [];
  const open: { tag: string; line: number }[] = [];
  let fence: { marker: string; line: number } | undefined;
  let header: number | undefined;
  markdown.split('\n').forEach((line, index) => {
    const at = `line ${index + 1}`;
    if (line.length > maxLine) problems.push(`${at}: ${line.length} characters long`);
    if (BIDI.test(line)) problems.push(`${at}: a bidirectional control character`);
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence) {
      if (marker?.startsWith(fence.marker) && line.trim() === marker) fence = undefined;
      return;
    }
    if (marker) {
      fence = { marker, line: index + 1 };
      header = undefined;
      return;
    }
    if (!line.startsWith('|')) header = undefined;
    else if (header === undefined) header = pipes(line);
    else if (pipes(line) !== header) problems.push(`${at}: a table row of ${pipes(line) - 1} cells under a header of ${header - 1}`);
    if (line.includes('<!--') && index > 0) problems.push(`${at}: an HTML comment`);
    for (const [, slash, name] of line.matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*>/g)) {
      const tag = name!.toLowerCase();
      if (!TAGS.has(tag)) problems.push(`${at}: raw HTML <${slash}${tag}>`);
      else if (!slash) open.push({ tag, line: index + 1 });
      else if (open.at(-1)?.tag === tag) open.pop();
      else problems.push(`${at}: </${tag}> closes ${open.length > 0 ? `<${open.at(-1)!.tag}>` : 'nothing'}`);
    }
    const text = decodeEntities(line);
    for (const [, name] of text.matchAll(/(?:^|\W)@([A-Za-z0-9][\w-]*)/g)) problems.push(`${at}: mentions @${name}`);
    for (const [reference] of text.matchAll(/#\d+/g)) problems.push(`${at}: references ${reference}`);
  });
  if (fence) problems.push(`the code fence opened on line ${fence.line} is never closed`);
  for (const { tag, line } of open) problems.push(`<${tag}> opened on line ${line} is never closed`);
  return problems;
}
