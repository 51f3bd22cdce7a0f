// What every comment must be once GitHub renders it (test/helpers/github-html.ts): only the elements and attributes
// the renderers write, links only to the run's own pages, no markdown left unrendered (`**`, `__` in the text a
// reader sees, <summary> included, where GitHub renders no markdown), no mention or issue reference GitHub would act
// on, tables at most 7 columns wide whose rows all have the header's cells, and every fold with its summary first.
// test/security/comment-shape.ts checks the markdown itself, line by line; this checks what GitHub makes of it.
import { expect } from 'vitest';
import type { RunResult } from '../../src/action/outcome.js';
import { renderReport, type ReportOptions } from '../../src/action/report.js';
import { elements, githubHtml, outline, parseHtml, proseText, text, type HtmlDocument } from '../helpers/github-html.js';

/** The workflow run of the comments under test: the only page they may link. */
export const RUN = 'https://github.com/acme/policies/actions/runs/4242';
/** The action's options for a pull-request comment. */
export const COMMENT: ReportOptions = { maxLength: 64_000, listLimit: 10, detailsUrl: RUN, run: { sha: '3f2a9c1d4e5b6a7980f1e2d3c4b5a6978877aabb', url: RUN, mergeBranch: 'main' } };

/** The elements the comment's renderers write (markdown's and their own HTML); nothing quoted may add one. */
const TAGS = ['h2', 'h3', 'p', 'strong', 'b', 'code', 'pre', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'details', 'summary', 'ul', 'li', 'sub', 'a', 'div'];
const ATTRIBUTES: Record<string, string[]> = { th: ['align'], td: ['align'], code: ['class'], div: ['class'], p: ['class'], a: ['href'], details: ['open'] };
export const MAX_COLUMNS = 7;

/** `__` where markdown would read it as emphasis: not inside an identifier such as `RefundTarget___process_refund`. */
const UNDERSCORE_EMPHASIS = /(?<!\w)__|__(?!\w)/;
/** What GitHub turns into a notification or a cross-reference: `@name`, `#123`, `GH-123`. */
const REFERENCES = [/(?<![\w`])@[A-Za-z0-9]/, /#\d/, /\bGH-\d/i];

export interface Shape {
  doc: HtmlDocument;
  outline: string[];
  /** The text a reader sees outside code blocks, zero-width joiners removed. */
  prose: string;
}

/** Renders `markdown` as GitHub would and checks what every comment must be; `links` are the URLs it may link. */
export function githubShape(markdown: string, links: string[] = []): Shape {
  const doc = parseHtml(githubHtml(markdown));
  for (const element of elements(doc)) {
    expect(TAGS, `an element <${element.name}> in the rendered comment`).toContain(element.name);
    for (const attribute of Object.keys(element.attribs)) expect(ATTRIBUTES[element.name] ?? [], `<${element.name} ${attribute}>`).toContain(attribute);
  }
  for (const link of elements(doc, 'a')) expect(links, 'a link the comment did not mean to write').toContain(link.attribs.href);
  const prose = proseText(doc);
  expect(prose, 'markdown emphasis left as text').not.toContain('**');
  expect(prose, 'markdown emphasis left as text').not.toMatch(UNDERSCORE_EMPHASIS);
  for (const summary of elements(doc, 'summary')) expect(text(summary)).not.toMatch(/\*\*|(?<!\w)__|<b>|<code>/);
  for (const reference of REFERENCES) expect(prose, 'a mention or reference GitHub would act on').not.toMatch(reference);
  for (const table of elements(doc, 'table')) {
    const widths = elements(table, 'tr').map((row) => row.children.filter((cell) => 'name' in cell && (cell.name === 'td' || cell.name === 'th')).length);
    expect(widths[0], 'table columns').toBeLessThanOrEqual(MAX_COLUMNS);
    expect(widths.every((width) => width === widths[0]), `rows of ${widths.join(', ')} cells`).toBe(true);
  }
  for (const fold of elements(doc, 'details')) expect(elements(fold)[0]?.name, 'a fold opens with its summary').toBe('summary');
  return { doc, outline: outline(doc), prose: prose.replaceAll('\u200d', '') };
}

/** The action's comment on `result`, as GitHub shows it, checked. */
export const commentShape = (result: RunResult, options: Partial<ReportOptions> = {}): Shape => githubShape(renderReport(result, { ...COMMENT, ...options }), [RUN]);
