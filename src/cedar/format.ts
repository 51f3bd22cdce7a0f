// Cedar's own formatter, the normal form for `fmt` and for comparing statements in a plan. A text nesting too deeply
// for Cedar (nesting.ts) is refused without asking it.
import * as cedar from './wasm.js';
import { safely, toIssue, type CedarIssue } from './issues.js';
import { nestingIssue } from './nesting.js';

export type FormatResult = { ok: true; formatted: string } | { ok: false; issues: CedarIssue[] };

export function formatCedar(text: string): FormatResult {
  const deep = nestingIssue(text);
  if (deep) return { ok: false, issues: [deep] };
  const answer = safely(() => cedar.formatPolicies({ policyText: text, lineWidth: 80, indentWidth: 2 }));
  return answer.type === 'success'
    ? { ok: true, formatted: answer.formatted_policy }
    : { ok: false, issues: answer.errors.map((e) => toIssue(e)) };
}
