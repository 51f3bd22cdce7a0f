// A comment's HTML in a page that looks like a GitHub pull-request comment (its box, header, fonts, tables, code,
// folded blocks and alerts), close enough that a screenshot shows a reader what the action will post. Every
// <details> is opened, so the screenshot shows what a reviewer sees after unfolding.

const CSS = `
body { margin: 0; padding: 16px; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, BlinkMacSystemFont,
  "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
.comment { border: 1px solid #d1d9e0; border-radius: 6px; }
.header { background: #f6f8fa; border-bottom: 1px solid #d1d9e0; border-radius: 6px 6px 0 0; padding: 8px 16px;
  color: #59636e; }
.header b { color: #1f2328; }
.body { padding: 16px; overflow-wrap: break-word; }
.body > :first-child { margin-top: 0; }
h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; margin: 0 0 16px; }
h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
p, ul, table, pre, details, .markdown-alert { margin: 0 0 16px; }
ul { padding-left: 2em; }
code { font: 85% ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  background: #818b981f; border-radius: 6px; padding: .2em .4em; }
pre { background: #f6f8fa; border-radius: 6px; padding: 16px; overflow: auto; line-height: 1.45; }
pre code { background: none; padding: 0; font-size: 85%; }
table { border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
th, td { border: 1px solid #d1d9e0; padding: 6px 13px; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
summary { cursor: pointer; }
details > summary + * { margin-top: 8px; }
sub { color: #59636e; font-size: 85%; }
a { color: #0969da; text-decoration: none; }
.markdown-alert { padding: 8px 16px; border-left: .25em solid; }
.markdown-alert > p { margin: 0; }
.markdown-alert-title { font-weight: 500; margin-bottom: 4px !important; }
.markdown-alert-note { border-color: #0969da; } .markdown-alert-note .markdown-alert-title { color: #0969da; }
.markdown-alert-important { border-color: #8250df; } .markdown-alert-important .markdown-alert-title { color: #8250df; }
.markdown-alert-warning { border-color: #9a6700; } .markdown-alert-warning .markdown-alert-title { color: #9a6700; }
.markdown-alert-caution { border-color: #d1242f; } .markdown-alert-caution .markdown-alert-title { color: #d1242f; }
`;

/** The page around `html`, the comment of `author` as GitHub heads it. */
export function commentPage(html: string, author = 'github-actions'): string {
  const opened = html.replace(/<details>/g, '<details open>');
  return `<!doctype html>
<html><head><meta charset="utf-8"><style>${CSS}</style></head>
<body><div class="comment"><div class="header"><b>${author}</b> <span>bot</span> commented</div>
<div class="body">${opened}</div></div></body></html>`;
}
