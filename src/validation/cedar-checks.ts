// The Cedar layers of `validate`: one policy per file and Cedar syntax (engine-independent), then per engine:
// variables filled, the service's length limits, and strict validation against the schema AgentCore generates
// from the engine's gateways. Every finding points at the line and column of the `.cedar` file.
import { checkSyntax, validatePolicies } from '../cedar/check.js';
import type { CedarIssue } from '../cedar/issues.js';
import { byteOffsetToLineColumn, charOffsetToLineColumn } from '../cedar/locations.js';
import { buildCedarSchema } from '../cedar/schema.js';
import { splitStatements, tokenize } from '../cedar/tokens.js';
import type { Diagnostic, EngineSpec, PolicySpec } from '../model.js';
import { fillVariables, type Filled } from '../repository/variables.js';

export const STATEMENT_MIN = 35;
export const STATEMENT_MAX = 10_000;
/** Validator messages that the lints report with more context; dropped here so nothing is said twice. */
export const TAG_SAFETY = 'unable to guarantee safety of access to tag';

/** Syntax and one-policy-per-file; returns the policies fit for schema validation. */
export function checkPolicySyntax(policies: PolicySpec[]): { diagnostics: Diagnostic[]; parsed: PolicySpec[] } {
  const diagnostics: Diagnostic[] = [];
  const single: PolicySpec[] = [];
  for (const policy of policies) {
    const count = splitStatements(tokenize(policy.source)).length;
    if (count === 1) single.push(policy);
    else {
      diagnostics.push({
        severity: 'error',
        code: count === 0 ? 'empty-policy' : 'multiple-policies',
        message: count === 0 ? `${policy.file} holds no policy` : `${policy.file} holds ${count} policies; a file must hold exactly one`,
        file: policy.file,
        line: 1,
        column: 1,
      });
    }
  }
  const issues = checkSyntax(new Map(single.map((p) => [p.file, p.source])));
  for (const policy of single) {
    for (const issue of issues.get(policy.file) ?? []) diagnostics.push(cedarDiagnostic('cedar-syntax', policy, issue));
  }
  return { diagnostics, parsed: single.filter((p) => !issues.has(p.file)) };
}

function cedarDiagnostic(code: string, policy: PolicySpec, issue: CedarIssue, filled?: Filled): Diagnostic {
  const message = issue.help ? `${issue.message} (${issue.help})` : issue.message;
  let position = { line: 1, column: 1 };
  if (issue.start !== undefined) {
    position = filled
      ? charOffsetToLineColumn(policy.source, filled.toSource(Buffer.from(filled.text).subarray(0, issue.start).toString().length))
      : byteOffsetToLineColumn(policy.source, issue.start);
  }
  return { severity: issue.severity, code, message, file: policy.file, ...position };
}

/** Per-engine checks of policies that parse. */
export function checkEnginePolicies(engine: EngineSpec, policies: PolicySpec[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const fit = new Map<string, { policy: PolicySpec; filled: Filled }>();
  for (const policy of policies) {
    const filled = fillVariables(policy.source, engine.variables);
    for (const unknown of filled.unknown) {
      diagnostics.push({
        severity: 'error',
        code: 'unknown-variable',
        message: `unknown variable {{${unknown.name}}}: ${engine.file} has no variable "${unknown.name}"`,
        file: policy.file,
        ...charOffsetToLineColumn(policy.source, unknown.offset),
      });
    }
    const length = filled.text.trim().length;
    if (length < STATEMENT_MIN || length > STATEMENT_MAX) {
      diagnostics.push({
        severity: 'error',
        code: 'statement-length',
        message: `statement is ${length} characters for engine ${engine.name}; AgentCore accepts ${STATEMENT_MIN} to ${STATEMENT_MAX}`,
        file: policy.file,
        line: 1,
        column: 1,
      });
    }
    if (filled.unknown.length === 0) fit.set(policy.file, { policy, filled });
  }

  const schema = buildCedarSchema(engine.gateways);
  const result = validatePolicies(schema, new Map([...fit].map(([file, { filled }]) => [file, filled.text])));
  for (const issue of result.general) {
    diagnostics.push({ severity: issue.severity, code: 'cedar-schema', message: `engine ${engine.name}: ${issue.message}`, file: engine.file, line: 1, column: 1 });
  }
  for (const [file, issues] of result.issues) {
    const { policy, filled } = fit.get(file)!;
    for (const issue of issues) {
      if (issue.message.startsWith(TAG_SAFETY)) continue;
      const diagnostic = cedarDiagnostic('cedar-validation', policy, issue, filled);
      diagnostics.push({ ...diagnostic, message: `${diagnostic.message} [engine ${engine.name}]` });
    }
  }
  return diagnostics;
}
