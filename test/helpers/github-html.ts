// A comment's markdown as GitHub shows it, and a reader of the result. GitHub renders comments with cmark-gfm; this
// uses `marked` in its GFM mode, which follows the same rules the comment relies on: a line opening an HTML block
// such as `<details><summary>…</summary>` is passed through raw (no markdown inside it), GFM tables split cells on
// `|` only, `&#NN;` entities display as the character. GitHub's alerts (`> [!WARNING]`) are not in marked, so they
// are turned into the markup GitHub gives them. marked does not sanitize as GitHub does: an element that gets
// through here would get through GitHub's renderer before its sanitizer, which is the stricter test.
import { DomUtils, ElementType, parseDocument } from 'htmlparser2';
import { Marked } from 'marked';

export type HtmlDocument = ReturnType<typeof parseDocument>;
export type HtmlElement = ReturnType<typeof DomUtils.findAll>[number];
type HtmlNode = HtmlDocument['children'][number];

const isElement = (node: HtmlNode): node is HtmlElement => ElementType.isTag(node);
const isText = (node: HtmlNode): node is HtmlNode & { data: string } => node.type === ElementType.Text;

const ALERT = /^<p>\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\n?/;

const marked = new Marked({
  gfm: true,
  renderer: {
    blockquote({ tokens }) {
      const inner = this.parser.parse(tokens);
      const alert = ALERT.exec(inner);
      if (!alert) return `<blockquote>\n${inner}</blockquote>\n`;
      const kind = alert[1]!.toLowerCase();
      const title = `<p class="markdown-alert-title">${kind[0]!.toUpperCase()}${kind.slice(1)}</p>`;
      return `<div class="markdown-alert markdown-alert-${kind}">${title}<p>${inner.slice(alert[0].length)}</div>\n`;
    },
  },
});

export function githubHtml(markdown: string): string {
  return marked.parse(markdown, { async: false });
}

export function parseHtml(html: string): HtmlDocument {
  return parseDocument(html, { decodeEntities: true });
}

/** The elements under `root`, in document order, of one tag or all. */
export const elements = (root: HtmlDocument | HtmlElement, tag?: string): HtmlElement[] => DomUtils.findAll((e) => tag === undefined || e.name === tag, root.children);

/** The text of a node as a reader sees it, without the line breaks around its blocks. */
export const text = (node: HtmlElement | HtmlDocument): string => DomUtils.textContent(node).trim();

/** The text a reader sees outside code blocks (where GitHub links nothing and renders no markdown). */
export function proseText(doc: HtmlDocument): string {
  const parts: string[] = [];
  const walk = (nodes: HtmlNode[]) => {
    for (const node of nodes) {
      if (isText(node)) parts.push(node.data);
      else if (isElement(node) && node.name !== 'pre') walk(node.children);
    }
  };
  walk(doc.children);
  return parts.join('');
}

/** The top-level blocks a reviewer scrolls through: `# title` / `## section` headings, `verdict` (the bold line
 * under the title), `alert warning`, `table`, `details` (a folded block), `note` (any other paragraph or list)
 * and `footer` (the <sub> line). Runs of notes are one entry. */
export function outline(doc: HtmlDocument): string[] {
  const out: string[] = [];
  for (const node of doc.children) {
    if (!isElement(node)) continue;
    const entry = blockName(node, out);
    if (entry && !(entry === 'note' && out.at(-1) === 'note')) out.push(entry);
  }
  return out;
}

function blockName(node: HtmlElement, before: string[]): string | undefined {
  const children = node.children.filter((c) => !(isText(c) && c.data.trim() === ''));
  const only = children.length === 1 && isElement(children[0]!) ? children[0].name : undefined;
  if (node.name === 'h2') return `# ${text(node)}`;
  if (node.name === 'h3') return `## ${text(node)}`;
  if (node.name === 'table' || node.name === 'details') return node.name;
  if (node.name === 'div' && /markdown-alert-(\w+)/.test(node.attribs.class ?? '')) return `alert ${/markdown-alert-(\w+)/.exec(node.attribs.class!)![1]}`;
  if (node.name === 'p' && only === 'strong' && before.length === 1 && before[0]!.startsWith('# ')) return 'verdict';
  if (node.name === 'p' && only === 'sub') return 'footer';
  return 'note';
}
