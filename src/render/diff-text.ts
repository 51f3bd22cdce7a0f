// `diff --base` for a terminal or a CI log: per engine, the policies added, removed or edited, then the tools whose
// access changes with the requests that show it (the text plan's Access lines), then one closing summary line.
import type { AccessDiff, Diagnostic, EngineAccessDiff, PolicyDiff } from '../model.js';
import { accessLines } from './access-text.js';
import { baseWords, diffSummary, engineStatusWords, POLICY_SYMBOL, policyChangeWords } from './diff-words.js';
import { renderDiagnostics } from './diagnostics.js';
import { painter, type Paint } from './paint.js';
import { oneLine } from './sanitize.js';

const POLICY_STYLE = { added: 'green', removed: 'red', edited: 'yellow', 'text-only': 'bold' } as const;

export function renderDiffText(diff: AccessDiff, options: { color: boolean }): string {
  const paint = painter(options.color);
  const out = diff.warnings.map((d: Diagnostic) => paint('yellow', oneLine(renderDiagnostics([d], 'text', true).trimEnd(), 2000)));
  if (out.length > 0) out.push('');
  out.push(`Access at the working tree against ${oneLine(baseWords(diff.base))}:`, '');
  for (const engine of diff.engines) for (const line of [...engineLines(engine, diff.base, paint), '']) out.push(line);
  out.push(paint('bold', `${diffSummary(diff)}.`));
  return `${out.join('\n')}\n`;
}

function engineLines(engine: EngineAccessDiff, base: AccessDiff['base'], paint: Paint): string[] {
  const status = engineStatusWords(engine, base);
  const title = paint('bold', `Engine ${oneLine(engine.engine)} (${oneLine(engine.file)})`) + (status ? `: ${oneLine(status, 400)}` : '');
  if (engine.status === 'removed') return [`${title}.`];
  if (engine.policies.length === 0 && engine.access.length === 0) return [`${title}${status ? '; ' : ': '}no policy changes.`];
  return [title, ...engine.policies.map((policy) => policyLine(policy, paint)), ...accessLines(engine, paint)];
}

function policyLine(policy: PolicyDiff, paint: Paint): string {
  const flag = policy.widensAccess ? ` ${paint('boldRed', '[widens access]')}` : '';
  return `  ${paint(POLICY_STYLE[policy.change], POLICY_SYMBOL[policy.change])} policy ${oneLine(policy.name)} ${policyChangeWords(policy)}${flag}`;
}
