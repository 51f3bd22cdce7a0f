// Cedar's own formatter, the normal form for `fmt` and for comparing statements in a plan.
import * as cedar from './wasm.js';
import { safely, toIssue, type CedarIssue } from './issues.js';

export type FormatResult = { ok: true; formatted: string } | { ok: false; issues: CedarIssue[] };

export function formatCedar(text: string): FormatResult {
  const answer = safely(() => cedar.formatPolicies({ policyText: text, lineWidth: 80, indentWidth: 2 }));
  return answer.type === 'success'
    ? { ok: true, formatted: answer.formatted_policy }
    : { ok: false, issues: answer.errors.map((e) => toIssue(e)) };
}
