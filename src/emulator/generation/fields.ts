// One condition of a rule as Cedar: the field phrase bound to an input property (by its name and description,
// "the destination country" -> `region` described as "Destination country code"), then the test written for the
// property's type, with a `has` guard when the property is optional. Every phrase word must be explained by the
// property or by the tool itself; otherwise the condition is refused.
import { numberAt, type Comparator, type Condition, type FieldTest, type NumberValue } from './conditions.js';
import { cedarString, inputAccess, inputHas } from './cedar-text.js';
import { bestMatch, type Match } from './match.js';
import { refuse, type Parsed } from './parsed.js';
import { contentWords, spelled, type Word } from './text.js';
import type { Property, ToolScope } from './tools.js';

const ok = (expressions: string[]): Parsed<string[]> => ({ ok: true, value: expressions });

const DECIMAL_METHODS: Record<Comparator, string> = { '<': 'lessThan', '<=': 'lessThanOrEqual', '>': 'greaterThan', '>=': 'greaterThanOrEqual', '==': '' };
const TRUE = new Set(['true', 'yes']);
const FALSE = new Set(['false', 'no']);
const PRINTABLE = /^[\x20-\x21\x23-\x5b\x5d-\x7e]+$/;
/** Cedar Longs are 64-bit and decimals hold about 9.2e14; these digit counts keep clear of both edges. */
const LONG_DIGITS = 15;
const DECIMAL_DIGITS = 14;

/** The property the words name, when every word is explained by it or by the tool. */
function propertyNamed(words: readonly Word[], properties: readonly Property[], scope: ToolScope): Match<Property> {
  const phrase = contentWords(spelled(words));
  const match = bestMatch(
    phrase,
    properties.map((p) => ({ item: p, name: p.name, context: p.schema.description ?? '' })),
  );
  if (match.kind === 'one' && match.unmatched.some((w) => !scope.toolStems.has(w.stem))) return { kind: 'none' };
  return match;
}

function decimalLiteral(value: NumberValue): string | undefined {
  const [whole, fraction = ''] = value.digits.split('.');
  return fraction.length <= 4 && whole!.length <= DECIMAL_DIGITS ? `decimal("${whole}.${fraction || '0'}")` : undefined;
}

function compare(property: Property, op: Comparator, value: NumberValue): Parsed<string> {
  const access = inputAccess(property.name);
  if (property.schema.type === 'number') {
    const literal = decimalLiteral(value);
    if (!literal) return refuse(`${value.digits} does not fit a Cedar decimal (at most 4 decimal places, below 10^14).`);
    return { ok: true, value: op === '==' ? `${access} == ${literal}` : `${access}.${DECIMAL_METHODS[op]}(${literal})` };
  }
  if (property.schema.type === 'integer' && !value.integer) return refuse(`${property.name} takes whole numbers; ${value.digits} is not one.`);
  if (value.digits.length > LONG_DIGITS) return refuse(`${value.digits} is too large for a Cedar number.`);
  // Other types are written as asked: strict validation then reports the mismatch (an INVALID asset).
  return { ok: true, value: `${access} ${op} ${value.digits}` };
}

function literal(property: Property, value: Word): Parsed<string> {
  const type = property.schema.type;
  if (type === 'integer' || type === 'number') {
    const number = numberAt([value], 0);
    if (!number) return refuse(`${property.name} is a number; "${value.text}" is not one.`);
    if (type === 'number') {
      const decimal = decimalLiteral(number.value);
      return decimal ? { ok: true, value: decimal } : refuse(`${value.text} does not fit a Cedar decimal.`);
    }
    if (!number.value.integer) return refuse(`${property.name} takes whole numbers; ${value.text} is not one.`);
    return number.value.digits.length <= LONG_DIGITS ? { ok: true, value: number.value.digits } : refuse(`${value.text} is too large for a Cedar number.`);
  }
  if (type === 'boolean') {
    if (TRUE.has(value.lower)) return { ok: true, value: 'true' };
    if (FALSE.has(value.lower)) return { ok: true, value: 'false' };
    return refuse(`${property.name} is true or false; "${value.text}" is neither.`);
  }
  if (type === 'string') return PRINTABLE.test(value.text) ? { ok: true, value: cedarString(value.text) } : refuse(`"${value.text}" is not a value the local engine can write.`);
  return refuse(`${property.name} is ${type === 'array' ? 'an array' : 'an object'}; the local engine compares only strings, numbers and booleans.`);
}

/** `the account is verified` -> a boolean property named by the phrase and the adjective together. */
function booleanAdjective(field: readonly Word[], test: FieldTest, scope: ToolScope): Parsed<string[]> | undefined {
  if (test.kind !== 'oneOf' || test.values.length !== 1) return undefined;
  const adjective = test.values[0]!;
  if (numberAt([adjective], 0) || TRUE.has(adjective.lower) || FALSE.has(adjective.lower)) return undefined;
  const booleans = scope.properties.filter((p) => p.schema.type === 'boolean');
  const match = propertyNamed([...field, adjective], booleans, scope);
  if (match.kind !== 'one') return undefined;
  return ok(guarded(match.item, `${inputAccess(match.item.name)} == ${!test.negated}`));
}

const guarded = (property: Property, expression: string) => (property.required ? [expression] : [inputHas(property.name), expression]);

/** The Cedar conjuncts of one condition. */
export function conditionExpressions(condition: Condition, scope: ToolScope): Parsed<string[]> {
  const test = condition.test;
  let field: readonly Word[] = condition.field;
  if (field.length === 0) {
    if (test.kind !== 'compare' || !test.value.money) return refuse('Say which field the condition is about, e.g. "when the amount is less than 500".');
    field = [{ text: 'amount', lower: 'amount' }];
  }
  const adjective = booleanAdjective(field, test, scope);
  if (adjective) return adjective;
  const match = propertyNamed(field, scope.properties, scope);
  const where = scope.action ?? 'any tool of the gateway';
  if (match.kind === 'tie') return refuse(`"${spelled(field)}" matches several fields of ${where} equally (${match.items.map((p) => p.name).join(', ')}).`);
  if (match.kind === 'none') {
    const names = scope.properties.map((p) => p.name).join(', ') || 'none';
    return refuse(`No input field of ${where} matches "${spelled(field)}" (its fields: ${names}).`);
  }
  const property = match.item;
  if (test.kind === 'present') return ok([test.negated ? `!(${inputHas(property.name)})` : inputHas(property.name)]);
  if (test.kind === 'compare') {
    const expression = compare(property, test.op, test.value);
    return expression.ok ? ok(guarded(property, expression.value)) : expression;
  }
  const literals: string[] = [];
  for (const value of test.values) {
    const written = literal(property, value);
    if (!written.ok) return written;
    literals.push(written.value);
  }
  const access = inputAccess(property.name);
  const expression =
    literals.length === 1
      ? `${access} ${test.negated ? '!=' : '=='} ${literals[0]}`
      : test.negated
        ? `!([${literals.join(', ')}].contains(${access}))`
        : `[${literals.join(', ')}].contains(${access})`;
  return ok(guarded(property, expression));
}
