// Declarative input contracts: the length, pattern, range and enum traits the service model declares (the JS SDK
// drops them, so the emulator must enforce them), checked in one pass that reports every violation the way AWS's
// front end words them ("1 validation error detected: Value ... at 'name' failed to satisfy constraint: ...").
import { validationError, type ApiError, type FieldProblem } from './errors.js';

export type FieldType = 'string' | 'integer' | 'boolean' | 'object' | 'array' | 'map';

export interface FieldRule {
  /** Dotted path into the input, e.g. `definition.cedar.statement`. */
  path: string;
  type: FieldType;
  required?: boolean;
  /** Length for strings, arrays and maps; value for integers. */
  min?: number;
  max?: number;
  /** Whole-value pattern (anchored here). */
  pattern?: string;
  enum?: readonly string[];
  /** For unions: exactly one of these members must be set. */
  oneOf?: readonly string[];
  /** Sensitive members never echo their value in messages. */
  sensitive?: boolean;
}

export type Input = Record<string, unknown>;

export function valueAt(input: Input, path: string): unknown {
  let value: unknown = input;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The first constraint a value breaks, in the service's words; undefined when it satisfies the rule. */
export function violation(rule: FieldRule, value: unknown): string | undefined {
  if (value === undefined || value === null) return rule.required ? 'Member must not be null' : undefined;
  if (!hasType(rule.type, value)) return `Member must be of type ${rule.type}`;
  const size = sizeOf(value);
  if (rule.type === 'integer') {
    if (rule.min !== undefined && size < rule.min) return `Member must have value greater than or equal to ${rule.min}`;
    if (rule.max !== undefined && size > rule.max) return `Member must have value less than or equal to ${rule.max}`;
  } else {
    if (rule.min !== undefined && size < rule.min) return `Member must have length greater than or equal to ${rule.min}`;
    if (rule.max !== undefined && size > rule.max) return `Member must have length less than or equal to ${rule.max}`;
  }
  if (rule.pattern !== undefined && !new RegExp(`^(?:${rule.pattern})$`).test(value as string)) {
    return `Member must satisfy regular expression pattern: ${rule.pattern}`;
  }
  if (rule.enum !== undefined && !rule.enum.includes(value as string)) {
    return `Member must satisfy enum value set: [${rule.enum.join(', ')}]`;
  }
  if (rule.oneOf !== undefined) {
    const set = rule.oneOf.filter((member) => (value as Record<string, unknown>)[member] !== undefined);
    if (set.length !== 1) return `Member must have exactly one of [${rule.oneOf.join(', ')}] set`;
  }
  return undefined;
}

function hasType(type: FieldType, value: unknown): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'array':
      return Array.isArray(value);
    case 'object':
    case 'map':
      return typeof value === 'object' && !Array.isArray(value);
  }
}

function sizeOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' || Array.isArray(value)) return value.length;
  return Object.keys(value as object).length;
}

/** Checks every rule; one ValidationException listing all violations, or undefined. */
export function checkInput(input: Input, rules: readonly FieldRule[]): ApiError | undefined {
  const problems: FieldProblem[] = [];
  const sentences: string[] = [];
  for (const rule of rules) {
    const value = valueAt(input, rule.path);
    // A member is only required inside a structure that is present, as in Smithy.
    if (value === undefined && !parentPresent(input, rule.path)) continue;
    const message = violation(rule, value);
    if (message === undefined) continue;
    problems.push({ name: rule.path, message });
    sentences.push(`${describeValue(rule, value)} at '${rule.path}' failed to satisfy constraint: ${message}`);
  }
  if (problems.length === 0) return undefined;
  const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected`;
  return validationError(`${count}: ${sentences.join('; ')}`, 'FieldValidationFailed', problems);
}

function parentPresent(input: Input, path: string): boolean {
  const dot = path.lastIndexOf('.');
  return dot < 0 || valueAt(input, path.slice(0, dot)) !== undefined;
}

function describeValue(rule: FieldRule, value: unknown): string {
  if (value === undefined || value === null) return 'Value null';
  if (rule.sensitive || typeof value === 'object') return 'Value';
  return `Value '${String(value)}'`;
}
