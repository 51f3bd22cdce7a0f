// The plan as versioned JSON (docs/plan-format.md): what `plan --format json` prints and `plan --out` saves, and
// its reader for `apply plan.json`. The Plan type is the format, so writing is serialising. Reading checks the
// version and then the whole shape against the published JSON Schema (schemas/plan.schema.json) before anything
// reads a field of a file that may be old, hand-edited, truncated or from another tool, and says where it is wrong.
// Whether the content is what the tool wrote, and still what planning gives, is apply's to check (digest.ts).
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { Diagnostic } from '../model.js';
import { allowPatternWords, patternInWords } from '../schema-words.js';
import { PLAN_FORMAT_VERSION, type Plan } from '../plan/types.js';
import planSchema from '../../schemas/plan.schema.json' with { type: 'json' };

export function renderPlanJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

export type PlanReadResult = { ok: true; plan: Plan } | { ok: false; error: Diagnostic };

let validator: ValidateFunction | undefined;
/** Compiled once, on the first plan read; `verbose` gives an error the schema that words its pattern. `strictRequired` is off: a conditional names the fields an action requires
 * without repeating their schemas. */
function validatePlan(): ValidateFunction {
  return (validator ??= allowPatternWords(new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true, strictTypes: false })).compile(planSchema));
}

/** At most this many problems are listed; the rest are counted. */
const SHOWN = 3;

export function parsePlanJson(text: string, file = 'plan.json'): PlanReadResult {
  const fail = (message: string, at: { line?: number; column?: number } = {}): PlanReadResult => ({
    ok: false,
    error: { severity: 'error', code: 'plan/file-invalid', message, file, ...at },
  });
  const parsed = parseJson(text.replace(/^\uFEFF/, ''));
  if (!parsed.ok) return fail(parsed.message, parsed.at);
  const data = parsed.value;
  if (!isRecord(data)) return fail('not a plan: expected a JSON object');
  if (data.formatVersion !== PLAN_FORMAT_VERSION) {
    return fail(`plan format version ${JSON.stringify(data.formatVersion)} is not supported (this tool reads version ${PLAN_FORMAT_VERSION}); plan again`);
  }
  if (typeof data.digest !== 'string') {
    return fail('the plan has no digest, so apply cannot check it: it was saved by an older agentcore-policy or by another tool; plan again');
  }
  const validate = validatePlan();
  if (validate(data)) return { ok: true, plan: data as unknown as Plan };
  const problems = (validate.errors ?? []).filter(shown).map((error) => problemOf(data, error));
  const unique = [...new Set(problems)];
  const more = unique.length > SHOWN ? `; and ${unique.length - SHOWN} more` : '';
  return fail(`not a valid plan: ${unique.slice(0, SHOWN).join('; ')}${more}`);
}

type Parsed = { ok: true; value: unknown } | { ok: false; message: string; at?: { line: number; column: number } };

/** JSON.parse, with where it stopped as a line and column; V8's own message is not repeated, since newer versions
 * quote the text, and the file may hold anything. */
function parseJson(text: string): Parsed {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    if (text.trim() === '') return { ok: false, message: 'not JSON: the file is empty', at: { line: 1, column: 1 } };
    const reason = (error as Error).message;
    const position = /at position (\d+)/.exec(reason);
    const offset = position ? Number(position[1]) : undefined;
    if (/Unexpected end of JSON input/.test(reason) || (offset !== undefined && offset >= text.trimEnd().length)) {
      return { ok: false, message: 'not JSON: the file ends in the middle of the plan (was it cut short?)' };
    }
    return offset === undefined ? { ok: false, message: 'not JSON: a syntax error' } : { ok: false, message: 'not JSON: a syntax error', at: lineAndColumn(text, offset) };
  }
}

function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

/** Leaves out what only repeats another error: the "then" of a conditional, and the branches of an anyOf. */
function shown(error: ErrorObject): boolean {
  return error.keyword !== 'if' && !/\/anyOf\/\d+\//.test(error.schemaPath);
}

function problemOf(data: Record<string, unknown>, error: ErrorObject): string {
  const where = describePath(data, error.instancePath);
  switch (error.keyword) {
    case 'required':
      return `${where} is missing the field "${(error.params as { missingProperty: string }).missingProperty}"`;
    case 'enum':
      return `${where} must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'const':
      return `${where} must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
    case 'not':
      return `${where} has a side its action does not allow (a create has no "before", a delete no "after")`;
    case 'pattern':
      return `${where} ${patternInWords(error)}`;
    case 'anyOf':
      return `${where} must be a sha256 digest (64 hex digits), or "" for an engine that could not be read`;
    default:
      return `${where} ${error.message ?? 'is invalid'}`;
  }
}

/** `engines[0] (Main).changes[2] (RefundUnder500).action`: indexes in brackets, and an element's name where it has
 * one, so a message says which engine and which change without counting. */
function describePath(data: unknown, pointer: string): string {
  if (pointer === '') return 'the plan';
  let text = '';
  let value = data;
  for (const raw of pointer.slice(1).split('/')) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    value = isRecord(value) || Array.isArray(value) ? (value as Record<string, unknown>)[part] : undefined;
    if (/^\d+$/.test(part)) {
      const name = isRecord(value) ? (value.engine ?? value.name) : undefined;
      text += typeof name === 'string' ? `[${part}] (${name.slice(0, 60)})` : `[${part}]`;
    } else text += text === '' ? part : `.${part}`;
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
