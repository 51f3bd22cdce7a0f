// `diff --base` as markdown: the verdict line, the Access section of the PR comment (render/markdown-access.ts),
// the engines only one side has, and a table of the policies added, removed or edited. The action puts the same
// sections into the comment of a pull request from a fork, which gets no live plan. Every quoted value is escaped.
import type { AccessDiff, PolicyDiff } from '../model.js';
import { baseWords, diffSummary, engineStatusWords, policyChangeWords } from './diff-words.js';
import { accessSection } from './markdown-access.js';
import { inline } from './markdown-escape.js';

/** Rows of the policy table before "and N more". */
const POLICY_ROWS = 30;

export function renderDiffMarkdown(diff: AccessDiff): string {
  return `${['## agentcore-policy diff', ...diffSections(diff)].join('\n\n')}\n`;
}

/** The verdict against the base, then what changed: access, engines, policies. */
export function diffSections(diff: AccessDiff): string[] {
  const verdict = `**${inline(diffSummary(diff), 500)}** against <code>${inline(baseWords(diff.base), 120)}</code>`;
  const statuses = diff.engines.flatMap((e) => {
    const words = engineStatusWords(e, diff.base);
    return words ? [`- <code>${inline(e.engine, 60)}</code>: ${inline(words, 300)}`] : [];
  });
  return [verdict, ...(accessSection(diff) ? [accessSection(diff)!] : []), ...(statuses.length > 0 ? [statuses.join('\n')] : []), ...policySection(diff)];
}

function policySection(diff: AccessDiff): string[] {
  const rows = diff.engines.flatMap((e) => e.policies.map((policy) => ({ engine: e.engine, policy })));
  if (rows.length === 0) return [];
  const engines = new Set(rows.map((r) => r.engine)).size > 1;
  const header = engines ? '| Engine | Policy | Change | Tools |\n|---|---|---|---|' : '| Policy | Change | Tools |\n|---|---|---|';
  const lines = rows.slice(0, POLICY_ROWS).map(({ engine, policy }) => {
    const cells = [`<code>${inline(policy.name, 120)}</code>`, changeCell(policy), toolsCell(policy)];
    return `| ${[...(engines ? [inline(engine, 60)] : []), ...cells].join(' | ')} |`;
  });
  const more = rows.length > POLICY_ROWS ? [`\n… and ${rows.length - POLICY_ROWS} more policies (the JSON output lists them all).`] : [];
  return ['### Policies', [header, ...lines].join('\n') + more.join('')];
}

function changeCell(policy: PolicyDiff): string {
  return `${inline(policyChangeWords(policy), 120)}${policy.widensAccess ? ' · <b>widens access</b>' : ''}`;
}

function toolsCell(policy: PolicyDiff): string {
  const tools = policy.touches ?? [];
  const shown = tools.slice(0, 3).map((t) => `<code>${inline(t.action, 120)}</code>`);
  return [...shown, ...(tools.length > 3 ? [`and ${tools.length - 3} more`] : [])].join(', ');
}
