// Judges a Cedar statement as the service does. A statement that does not parse, nests too deeply to check (at
// the token where it passes src/cedar/nesting.ts's limit, before Cedar sees it), or holds other than one policy, is
// refused at once (ValidationException). One that parses but fails strict validation against the schema of the
// engine's attached gateways, or (in FAIL_ON_ANY_FINDINGS mode) allows or denies everything, is accepted and then
// ends CREATE_FAILED/UPDATE_FAILED with the findings as statusReasons.
//
// Guesses: an engine attached to no gateway has no schema, so only the findings are checked (the seed document
// creates policies before attaching the gateway); findings are only the literal allow-all/deny-all shapes (no
// automated reasoning); the statusReasons wording is ours.
import { checkSyntax, validatePolicies } from '../cedar/check.js';
import { byteOffsetToLineColumn } from '../cedar/locations.js';
import { nestingIssue } from '../cedar/nesting.js';
import { buildCedarSchema, type SchemaGateway } from '../cedar/schema.js';
import { readPolicyShape, splitStatements, tokenize } from '../cedar/tokens.js';
import { validationError, type ApiError } from './errors.js';

const FIELD = 'definition';

/** The ValidationException for a statement that cannot be accepted at all, or undefined. */
export function refuseStatement(statement: string): ApiError | undefined {
  const deep = nestingIssue(statement);
  if (deep) {
    const { line, column } = byteOffsetToLineColumn(statement, deep.start ?? 0);
    const message = `The policy statement is nested too deeply at line ${line}, column ${column}: ${deep.message}.`;
    return validationError(message, 'FieldValidationFailed', [{ name: FIELD, message }]);
  }
  const issues = checkSyntax(new Map([['policy', statement]])).get('policy');
  if (issues && issues.length > 0) {
    const messages = issues.map((i) => i.message);
    return validationError(`The policy statement contains syntax errors: ${messages.join('; ')}`, 'FieldValidationFailed', [
      { name: FIELD, message: messages.join('; ') },
    ]);
  }
  return refuseStatements(statement, 'Cedar policy');
}

/** The ValidationException for a statement that does not hold exactly one policy, or undefined. */
export function refuseStatements(statement: string, what = 'policy'): ApiError | undefined {
  const count = splitStatements(tokenize(statement)).length;
  if (count !== 1) {
    const message = `The policy statement must contain exactly one ${what}, found ${count}.`;
    return validationError(message, 'FieldValidationFailed', [{ name: FIELD, message }]);
  }
  return undefined;
}

/** Reasons the statement fails validation against the attached gateways; empty when it passes. */
export function validationFindings(statement: string, gateways: SchemaGateway[], validationMode: string): string[] {
  const reasons = schemaErrors(statement, gateways);
  if (validationMode !== 'IGNORE_ALL_FINDINGS') {
    const finding = sweepingFinding(statement);
    if (finding) reasons.push(`${finding.type}: ${finding.message}`);
  }
  return reasons;
}

/** Strict validation errors of a statement that parses, against the gateways' schema; none without gateways. */
export function schemaErrors(statement: string, gateways: SchemaGateway[]): string[] {
  if (gateways.length === 0) return [];
  const result = validatePolicies(buildCedarSchema(gateways), new Map([['policy', statement]]));
  return [...result.general, ...(result.issues.get('policy') ?? [])].filter((i) => i.severity === 'error').map((i) => i.message);
}

export interface SweepingFinding {
  type: 'ALLOW_ALL' | 'DENY_ALL';
  message: string;
}

/** ALLOW_ALL / DENY_ALL: a policy with no constraint on principal, action or resource and no condition. */
export function sweepingFinding(statement: string): SweepingFinding | undefined {
  const shape = readPolicyShape(statement);
  if (!shape || shape.hasConditions) return undefined;
  if (shape.principal.op !== 'all' || shape.action.op !== 'all' || shape.resource.op !== 'all') return undefined;
  return shape.effect === 'permit'
    ? { type: 'ALLOW_ALL', message: 'The policy permits every principal to perform every action on every resource.' }
    : { type: 'DENY_ALL', message: 'The policy forbids every principal from performing any action on any resource.' };
}
