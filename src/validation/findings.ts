// The findings AgentCore's validation makes, made locally at validate time, with file and line: a permit that allows
// every request of the tools it covers (ALLOW_ALL), a forbid that denies them all (DENY_ALL), a policy that can never
// apply (ALLOW_NONE / DENY_NONE). Under FAIL_ON_ANY_FINDINGS the service refuses such a policy, so for an enabled one
// it is an error here, before apply fails half-way; otherwise it is said as information (an emergency shutdown is
// exactly DENY_ALL, kept disabled, and meant to be). Only statements whose conditions cannot depend on the request
// (none, or literals alone) are analysed here: those are the ones that can be ALL or NONE without contradicting
// themselves, and analysing every statement would cost validate seconds on large repositories; the plan's access
// analysis covers the rest of what a change does.
import { policyFindings, type PolicyFinding } from '../access/index.js';
import { charOffsetToLineColumn } from '../cedar/locations.js';
import { matchingClose, readPolicyShape, skipAnnotations, type Token } from '../cedar/tokens.js';
import type { Diagnostic, DiagnosticCode, EngineSpec, PolicySpec } from '../model.js';
import { fillVariables } from '../repository/variables.js';

const CODES: Record<PolicyFinding['kind'], DiagnosticCode> = {
  ALLOW_ALL: 'finding/allow-all',
  DENY_ALL: 'finding/deny-all',
  ALLOW_NONE: 'finding/allow-none',
  DENY_NONE: 'finding/deny-none',
};

/** Words of the request a condition can read; a condition without any of them is a constant. */
const REQUEST = new Set(['principal', 'action', 'resource', 'context']);

/** Whether the statement's truth can depend on nothing but its scope: no conditions, or conditions of literals. */
export function constantConditions(tokens: Token[]): boolean {
  const body = skipAnnotations(tokens);
  const open = body.findIndex((t) => t.text === '(');
  if (open < 0) return false;
  const close = matchingClose(body, open);
  return close >= 0 && !body.slice(close + 1).some((t) => t.kind === 'ident' && REQUEST.has(t.text));
}

/** Cedar's own warning for a policy that can never apply, which an ALLOW_NONE or DENY_NONE finding says better. */
export const CEDAR_IMPOSSIBLE = 'policy is impossible';

export function findingDiagnostics(engine: EngineSpec, parsed: { policy: PolicySpec; tokens: Token[] }[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const findings = policyFindings(engine.gateways);
  for (const { policy, tokens } of parsed) {
    if (!constantConditions(tokens)) continue;
    const statement = fillVariables(policy.source, engine.variables).text;
    for (const finding of findings({ id: policy.name, statement, active: true })) {
      diagnostics.push(diagnosticOf(policy, finding, engine, statement));
    }
  }
  return diagnostics;
}

function diagnosticOf(policy: PolicySpec, finding: PolicyFinding, engine: EngineSpec, statement: string): Diagnostic {
  const refused = policy.enabled && policy.validationMode === 'FAIL_ON_ANY_FINDINGS';
  const start = readPolicyShape(statement)?.effectStart;
  // The effect keyword comes before any placeholder, so its offset in the filled statement is the file's.
  const at = start === undefined ? { line: 1, column: 1 } : charOffsetToLineColumn(statement, start);
  const fix = finding.kind.endsWith('_NONE') ? 'fix or remove it' : 'make it narrower';
  const consequence = refused
    ? `AgentCore refuses it under validationMode FAIL_ON_ANY_FINDINGS (the apply would fail); ${fix}, or set validationMode: IGNORE_ALL_FINDINGS if it is meant`
    : policy.validationMode === 'IGNORE_ALL_FINDINGS'
      ? 'AgentCore accepts it (validationMode IGNORE_ALL_FINDINGS)'
      : 'it is disabled; enabled with validationMode FAIL_ON_ANY_FINDINGS, AgentCore would refuse it';
  const meant = finding.kind === 'DENY_ALL' && policy.group === 'emergency' ? ', as an emergency shutdown is meant to' : '';
  return {
    severity: refused ? 'error' : 'info',
    code: CODES[finding.kind],
    message: `${finding.kind}: ${finding.message}${meant}; ${consequence}`,
    file: policy.file,
    ...at,
    engine: engine.name,
  };
}
