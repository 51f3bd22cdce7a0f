// Cedar's operators on terms: equality, comparison, `like`, Set methods, `in` and `is`. Each answers with Cedar's
// result where it is known, a formula over single-variable tests where one side is a constant, and `opaque`
// (with the reason in words) where it would have to relate two attributes or compute on one.
import { allOf, and, anyOf, atom, ERROR, FALSE, ite, or, TRUE, type CompareOp, type Formula, type Test } from './formula.js';
import { globMatcher, matchGlob, type Glob } from './glob.js';
import { ACTION_TYPE } from './shape.js';
import { guardsOf, isError, opaque, type OpaqueTerm, type RequestModel, type Term } from './terms.js';
import { equal, scalarOf, type Scalar, type ScalarType, type Val } from './values.js';
import { bitKey, placeKey, type Place } from './vars.js';

const TWO_ATTRIBUTES = 'compares two attributes';
const SET_OF_OTHERS = 'tests a Set input that holds records, Sets or decimals';

/** An operator's result: a formula, or the reason it cannot be followed (the compiler makes it an opaque variable). */
export type Opaque = OpaqueTerm;
export type Out = Formula | Opaque;
export const isOpaque = (out: Out | Term): out is Opaque => 't' in out && out.t === 'opaque';

/** The result of an operator that evaluates all its operands, when one of them certainly fails or is opaque. */
function settled(...operands: Term[]): Out | undefined {
  if (operands.some(isError)) return ERROR;
  return operands.find((o): o is Opaque => o.t === 'opaque');
}

/** What kind of Cedar value a term holds, to see that two terms can never be equal. */
function kindOf(term: Term): string {
  switch (term.t) {
    case 'value':
      return term.v.k;
    case 'scalar':
      return term.type;
    case 'set':
      return 'set';
    case 'record':
    case 'context':
      return 'record';
    case 'principal':
      return 'entity';
    default:
      return term.t;
  }
}

export function equality(model: RequestModel, left: Term, right: Term): Out {
  const early = settled(left, right);
  if (early) return early;
  if (left.t === 'bool') {
    const [ifTrue, ifFalse] = [true, false].map((v) => equality(model, { t: 'value', v: { k: 'bool', v } }, right));
    return isOpaque(ifTrue!) ? ifTrue! : isOpaque(ifFalse!) ? ifFalse! : ite(left.f, ifTrue!, ifFalse!);
  }
  if (right.t === 'bool') return equality(model, right, left);
  if (left.t === 'value' && right.t === 'value') return equal(left.v, right.v) ? TRUE : FALSE;
  if (left.t === 'value') return equality(model, right, left);
  const guards = [...guardsOf(left), ...guardsOf(right)];
  if (kindOf(left) !== kindOf(right)) return allOf(guards, [{ t: 'fixed', o: 'F' }]);
  if (right.t !== 'value') return left.t === 'principal' && right.t === 'principal' ? TRUE : opaque(TWO_ATTRIBUTES);
  const value = right.v;
  switch (left.t) {
    case 'scalar':
      return atom(guards, { t: 'eq', v: placeKey(left.place), c: scalarOf(value, left.type)! });
    case 'principal':
      return value.k === 'entity' && value.type === model.principalEntityType ? idIs(model, value.id) : FALSE;
    case 'set': {
      if (left.elem === undefined || value.k !== 'set') return opaque(SET_OF_OTHERS);
      const items = scalarsOf(value, left.elem);
      if (items === undefined) return allOf(guards, [{ t: 'fixed', o: 'F' }]);
      return and(allOf(guards, items.map((item) => member(model, left, item))), atom(guards, subset(model, left, items)));
    }
    default:
      return opaque('compares a record input');
  }
}

const FLIP: Record<CompareOp, CompareOp> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export function compare(op: CompareOp, left: Term, right: Term): Out {
  const early = settled(left, right);
  if (early) return early;
  const isLong = (t: Term) => (t.t === 'value' && t.v.k === 'long') || (t.t === 'scalar' && t.type === 'long');
  if (!isLong(left) || !isLong(right)) return ERROR;
  if (left.t === 'value' && right.t === 'value') {
    const [a, b] = [(left.v as { v: number }).v, (right.v as { v: number }).v];
    return op === '<' ? boolF(a < b) : op === '<=' ? boolF(a <= b) : op === '>' ? boolF(a > b) : boolF(a >= b);
  }
  if (left.t === 'scalar' && right.t === 'value') return atom(left.guards, { t: 'cmp', v: placeKey(left.place), op, c: (right.v as { v: number }).v });
  if (left.t === 'value' && right.t === 'scalar') return compare(FLIP[op], right, left);
  return opaque(TWO_ATTRIBUTES);
}

const boolF = (b: boolean) => (b ? TRUE : FALSE);

export function like(left: Term, glob: Glob): Out {
  if (left.t === 'opaque') return left;
  if (left.t === 'value') return left.v.k === 'string' ? boolF(matchGlob(left.v.v, glob)) : ERROR;
  if (left.t === 'scalar' && left.type === 'string') return atom(left.guards, { t: 'like', v: placeKey(left.place), glob, match: globMatcher(glob) });
  return ERROR;
}

/** `left.contains(right)`. */
export function contains(model: RequestModel, left: Term, right: Term): Out {
  const early = settled(left, right);
  if (early) return early;
  if (left.t === 'value') {
    if (left.v.k !== 'set') return ERROR;
    const items = left.v.items;
    if (right.t === 'value') return boolF(items.some((item) => equal(item, right.v)));
    if (right.t === 'bool') return ite(right.f, boolF(items.some((i) => i.k === 'bool' && i.v)), boolF(items.some((i) => i.k === 'bool' && !i.v)));
    if (right.t === 'scalar') {
      const tests = items.flatMap((item): Test[] => (item.k === right.type ? [{ t: 'eq', v: placeKey(right.place), c: scalarOf(item, right.type)! }] : []));
      return anyOf(right.guards, tests);
    }
    if (right.t === 'principal') return entitiesOf(model, items).reduce<Formula>((f, id) => or(f, idIs(model, id)), FALSE);
    return opaque(TWO_ATTRIBUTES);
  }
  if (left.t !== 'set') return ERROR;
  if (right.t !== 'value') return opaque(TWO_ATTRIBUTES);
  if (left.elem === undefined) return opaque(SET_OF_OTHERS);
  const element = scalarOf(right.v, left.elem);
  return element === undefined ? allOf(left.guards, [{ t: 'fixed', o: 'F' }]) : atom(left.guards, member(model, left, element));
}

/** `left.containsAll(right)` or `left.containsAny(right)`. */
export function containsSet(model: RequestModel, left: Term, right: Term, all: boolean): Out {
  const early = settled(left, right);
  if (early) return early;
  const isSet = (t: Term) => t.t === 'set' || (t.t === 'value' && t.v.k === 'set');
  if (!isSet(left) || !isSet(right)) return ERROR;
  if (left.t === 'value' && right.t === 'value') {
    const [a, b] = [(left.v as { items: Val[] }).items, (right.v as { items: Val[] }).items];
    return boolF(all ? b.every((y) => a.some((x) => equal(x, y))) : b.some((y) => a.some((x) => equal(x, y))));
  }
  if (left.t === 'set' && right.t === 'set') return opaque(TWO_ATTRIBUTES);
  const variable = (left.t === 'set' ? left : right) as Extract<Term, { t: 'set' }>;
  const literal = ((left.t === 'value' ? left : right) as { v: { items: Val[] } }).v.items;
  if (variable.elem === undefined) return opaque(SET_OF_OTHERS);
  const elem = variable.elem;
  const typed = literal.flatMap((item) => (item.k === elem ? [scalarOf(item, elem)!] : []));
  const members = typed.map((item) => member(model, variable, item));
  if (!all) return anyOf(variable.guards, members);
  // input.containsAll(L): every element of L is held; L.containsAll(input): the input holds nothing outside L.
  if (variable === left) return typed.length < literal.length ? allOf(variable.guards, [{ t: 'fixed', o: 'F' }]) : allOf(variable.guards, members);
  return atom(variable.guards, subset(model, variable, typed));
}

export function isEmpty(model: RequestModel, arg: Term): Out {
  if (arg.t === 'opaque') return arg;
  if (arg.t === 'value') return arg.v.k === 'set' ? boolF(arg.v.items.length === 0) : ERROR;
  if (arg.t !== 'set') return ERROR;
  if (arg.elem === undefined) return opaque(SET_OF_OTHERS);
  return atom(arg.guards, subset(model, arg, []));
}

/** `left in right`: the principal has no parents; an action is in its target, `CallTool` and `Mcp`. */
export function membership(model: RequestModel, left: Term, right: Term): Out {
  const early = settled(left, right);
  if (early) return early;
  if (right.t !== 'value') return opaque(TWO_ATTRIBUTES);
  const targets = right.v.k === 'set' ? right.v.items : [right.v];
  if (targets.some((t) => t.k !== 'entity')) return ERROR;
  const entities = targets as Extract<Val, { k: 'entity' }>[];
  if (left.t === 'principal') return entitiesOf(model, entities).reduce<Formula>((f, id) => or(f, idIs(model, id)), FALSE);
  if (left.t !== 'value' || left.v.k !== 'entity') return ERROR;
  const self = left.v;
  const ancestors = self.type === ACTION_TYPE ? (model.shape.ancestors.get(self.id) ?? [self.id]) : [self.id];
  return boolF(entities.some((e) => e.type === self.type && ancestors.includes(e.id)));
}

/** `left is type [in entity]`. */
export function isType(model: RequestModel, left: Term, type: string, within: Term | undefined): Out {
  if (left.t === 'opaque') return left;
  const actual = left.t === 'principal' ? model.principalEntityType : left.t === 'value' && left.v.k === 'entity' ? left.v.type : undefined;
  if (actual === undefined) return ERROR;
  if (actual !== type) return FALSE;
  return within ? membership(model, left, within) : TRUE;
}

function idIs(model: RequestModel, id: string): Formula {
  model.value({ on: 'id' }, 'string', []);
  return atom([], { t: 'eq', v: placeKey({ on: 'id' }), c: id });
}

function entitiesOf(model: RequestModel, items: Val[]): string[] {
  return items.flatMap((item) => (item.k === 'entity' && item.type === model.principalEntityType ? [item.id] : []));
}

function scalarsOf(value: Extract<Val, { k: 'set' }>, type: ScalarType): Scalar[] | undefined {
  const scalars = value.items.map((item) => scalarOf(item, type));
  return scalars.every((s) => s !== undefined) ? (scalars as Scalar[]) : undefined;
}

function member(model: RequestModel, set: Extract<Term, { t: 'set' }>, element: Scalar): Test {
  return { t: 'member', v: registerBit(model, set.place, set.elem!, element) };
}

function subset(model: RequestModel, set: Extract<Term, { t: 'set' }>, of: Scalar[]): Test {
  for (const element of of) registerBit(model, set.place, set.elem!, element);
  registerBit(model, set.place, set.elem!, undefined);
  return { t: 'subset', set: placeKey(set.place), of };
}

function registerBit(model: RequestModel, place: Place, elementType: ScalarType, element: Scalar | undefined): string {
  const key = bitKey(place, element);
  if (!model.vars.has(key)) model.vars.set(key, { kind: 'bit', place, element, elementType });
  return key;
}

