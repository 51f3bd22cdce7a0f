// The Cedar layers of `validate`: one policy per file and Cedar syntax (engine-independent), then per engine:
// variables filled, the service's length limits, and strict validation against the schema AgentCore generates
// from the engine's gateways. Every finding points at the line and column of the `.cedar` file. A `definition: policy`
// statement (AgentCore's policy language, which Cedar cannot parse) gets the checks that apply to text only: one
// statement, variables, length; the service validates the rest.
import { checkSyntax, validatePolicies } from '../cedar/check.js';
import type { CedarIssue } from '../cedar/issues.js';
import { byteOffsetToLineColumn, charOffsetToLineColumn } from '../cedar/locations.js';
import { nestingMessage, nestingPastLimit } from '../cedar/nesting.js';
import { buildCedarSchema, schemaActionNames } from '../cedar/schema.js';
import { splitStatements, tokenize, type Token } from '../cedar/tokens.js';
import type { Diagnostic, DiagnosticCode, EngineSpec, PolicySpec } from '../model.js';
import { normalizeStatement } from '../repository/desired.js';
import { fillVariables, findPlaceholders, malformedPlaceholders, type Filled, type Placeholder } from '../repository/variables.js';
import { policyGatewayArns } from './gateway-arns.js';
import { explainUnknownActions } from './unknown-actions.js';

/** The nesting limit for Cedar calls on policies checkShape has passed: it refused the deeper ones, at their token. */
const CHECKED = Infinity;

export const STATEMENT_MIN = 35;
export const STATEMENT_MAX = 10_000;
/** Cedar's finding for a tag read without a guard; the getTag lint says the same with more context. */
export const TAG_SAFETY = 'unable to guarantee safety of access to tag';

/** A policy that parses, with what the later layers read from its text, computed once. */
export interface ParsedPolicy {
  policy: PolicySpec;
  tokens: Token[];
  placeholders: Placeholder[];
}

/** One policy per file, placeholders only in string literals, then Cedar syntax; returns the policies fit for
 * schema validation. Policies in `validatedLater` skip the syntax check here: the engine's validation parses them
 * anyway and only falls back to a syntax check when that fails, which saves a full parse of the repository. */
export function checkPolicySyntax(
  policies: PolicySpec[],
  validatedLater: ReadonlySet<PolicySpec> = new Set(),
): { diagnostics: Diagnostic[]; parsed: ParsedPolicy[] } {
  const diagnostics: Diagnostic[] = [];
  const single: ParsedPolicy[] = [];
  for (const policy of policies) {
    const tokens = tokenize(policy.source);
    const found = checkShape(policy, tokens);
    if (found.length === 0) single.push({ policy, tokens, placeholders: findPlaceholders(policy.source, tokens) });
    else diagnostics.push(...found);
  }
  const cedar = single.filter(({ policy }) => policy.definition !== 'policy');
  const issues = checkSyntax(new Map(cedar.filter(({ policy }) => !validatedLater.has(policy)).map(({ policy }) => [policy.file, policy.source])), CHECKED);
  for (const { policy } of single) {
    for (const issue of issues.get(policy.file) ?? []) diagnostics.push(cedarDiagnostic('cedar/syntax', policy, issue));
  }
  return { diagnostics, parsed: single.filter(({ policy }) => !issues.has(policy.file)) };
}

/** What Cedar's parser would report confusingly or not at all: no policy, several, nesting too deep for Cedar (which
 * would overflow its stack), or a `{{variable}}` outside a string literal (where it is never filled, and Cedar sees a
 * malformed record). */
function checkShape(policy: PolicySpec, tokens: Token[]): Diagnostic[] {
  const at = (offset: number) => ({ file: policy.file, ...charOffsetToLineColumn(policy.source, offset) });
  // A stray `;` is Cedar's syntax error to report, not a policy.
  const statements = splitStatements(tokens).filter((statement) => statement.length > 0);
  if (statements.length === 0) {
    return [{ severity: 'error', code: 'validate/empty-policy', message: `${policy.file} holds no policy`, ...at(0) }];
  }
  if (statements.length > 1) {
    const message = `${policy.file} holds ${statements.length} policies; a file must hold exactly one (the second starts here)`;
    return [{ severity: 'error', code: 'validate/multiple-policies', message, ...at(statements[1]![0]!.start) }];
  }
  const deep = nestingPastLimit(tokens);
  if (deep) {
    return [{ severity: 'error', code: 'validate/nesting-too-deep', message: nestingMessage(), ...at(deep.start) }];
  }
  const outside = placeholdersOutsideStrings(tokens).map(({ name, offset }): Diagnostic => ({
    severity: 'error',
    code: 'validate/placeholder-outside-string',
    message: `{{${name}}} is outside a string literal; variables are filled only inside "..." (e.g. AgentCore::Gateway::"{{${name}}}")`,
    ...at(offset),
  }));
  const malformed = tokens
    .filter((token) => token.kind === 'string')
    .flatMap((token) => malformedPlaceholders(token.text).map((offset) => ({ offset: token.start + offset, text: token.text.slice(offset, offset + 40) })))
    .map(({ offset, text }): Diagnostic => ({
      severity: 'error',
      code: 'validate/invalid-placeholder',
      message: `${JSON.stringify(text)} is not a variable placeholder; write {{name}} with letters, digits and underscores`,
      ...at(offset),
    }));
  return [...outside, ...malformed];
}

/** `{{name}}` written as Cedar tokens: `{` `{` name `}` `}`, which is never valid Cedar. */
function placeholdersOutsideStrings(tokens: Token[]): { name: string; offset: number }[] {
  const found: { name: string; offset: number }[] = [];
  for (let i = 0; i + 4 < tokens.length; i++) {
    if (tokens[i]!.text !== '{' || tokens[i + 1]!.text !== '{') continue;
    const name = tokens[i + 2]!;
    if (name.kind === 'ident' && tokens[i + 3]!.text === '}' && tokens[i + 4]!.text === '}') found.push({ name: name.text, offset: tokens[i]!.start });
  }
  return found;
}

function cedarDiagnostic(code: DiagnosticCode, policy: PolicySpec, issue: CedarIssue, filled?: Filled): Diagnostic {
  const message = issue.help ? `${issue.message} (${issue.help})` : issue.message;
  let position = { line: 1, column: 1 };
  if (issue.start !== undefined) {
    position = filled
      ? charOffsetToLineColumn(policy.source, filled.toSource(Buffer.from(filled.text).subarray(0, issue.start).toString().length))
      : byteOffsetToLineColumn(policy.source, issue.start);
  }
  return { severity: issue.severity, code, message, file: policy.file, ...position };
}

export interface EngineCheck {
  diagnostics: Diagnostic[];
  /** Files that turned out not to parse. */
  unparsed: Set<string>;
}

/** Per-engine checks. `tagLinted` names the files whose unguarded getTag the lint already reported; Cedar's own
 * finding for them would say the same thing less helpfully. */
export function checkEnginePolicies(engine: EngineSpec, policies: ParsedPolicy[], tagLinted: ReadonlySet<string> = new Set()): EngineCheck {
  const diagnostics: Diagnostic[] = [];
  const unparsed = new Set<string>();
  const fit = new Map<string, { policy: PolicySpec; filled: Filled }>();
  for (const { policy, tokens, placeholders } of policies) {
    diagnostics.push(...policyGatewayArns(policy, tokens, engine));
    const filled = fillVariables(policy.source, engine.variables, placeholders);
    for (const unknown of filled.unknown) {
      diagnostics.push({
        severity: 'error',
        code: 'validate/unknown-variable',
        message: `unknown variable {{${unknown.name}}}: ${engine.file} has no variable "${unknown.name}"`,
        file: policy.file,
        ...charOffsetToLineColumn(policy.source, unknown.offset),
      });
    }
    const length = sentLength(filled.text);
    if (length < STATEMENT_MIN || length > STATEMENT_MAX) {
      diagnostics.push({
        severity: 'error',
        code: 'validate/statement-length',
        message: `statement is ${length} characters for engine ${engine.name}; AgentCore accepts ${STATEMENT_MIN} to ${STATEMENT_MAX}`,
        file: policy.file,
        line: 1,
        column: 1,
      });
    }
    if (filled.unknown.length === 0 && policy.definition !== 'policy') fit.set(policy.file, { policy, filled });
  }

  const schema = buildCedarSchema(engine.gateways);
  const texts = new Map([...fit].map(([file, { filled }]) => [file, filled.text]));
  let result = validatePolicies(schema, texts, CHECKED);
  if (result.failed) {
    // Only now pay for a per-policy parse, to say exactly which files do not parse and validate the rest.
    for (const [file, issues] of checkSyntax(texts, CHECKED)) {
      const { policy, filled } = fit.get(file)!;
      for (const issue of issues) diagnostics.push(cedarDiagnostic('cedar/syntax', policy, issue, filled));
      texts.delete(file);
      unparsed.add(file);
    }
    if (unparsed.size > 0) result = validatePolicies(schema, texts, CHECKED);
  }
  for (const issue of result.general) {
    diagnostics.push({ severity: issue.severity, code: 'cedar/schema', message: issue.message, file: engine.file, line: 1, column: 1, engine: engine.name });
  }
  const actions = schemaActionNames(schema);
  for (const [file, issues] of result.issues) {
    const { policy, filled } = fit.get(file)!;
    for (const issue of explainUnknownActions(issues, actions)) {
      const tagSafety = issue.message.startsWith(TAG_SAFETY);
      if (tagSafety && tagLinted.has(file)) continue;
      diagnostics.push({ ...cedarDiagnostic(tagSafety ? 'lint/unguarded-get-tag' : 'cedar/validation', policy, issue, filled), engine: engine.name });
    }
  }
  return { diagnostics, unparsed };
}

/** The length AgentCore will see: apply sends Cedar's normal form, which can be longer or shorter than the file.
 * Formatting costs about half a millisecond a policy (and its first call in a process far more), so it is only
 * measured where it could cross a limit: no normal form is shorter than `permit (principal, action, resource);`,
 * 37 characters, so a statement of at least STATEMENT_MIN stays above it. */
function sentLength(filled: string): number {
  const length = filled.trim().length;
  if (length >= STATEMENT_MIN && length < STATEMENT_MAX / 2) return length;
  return (normalizeStatement(filled) ?? filled.trim()).length;
}
