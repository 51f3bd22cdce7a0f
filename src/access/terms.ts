// What a sub-expression of a condition stands for while it is compiled: a known value, a Boolean formula, or a
// piece of the request (an attribute, a Set input, a record input, the principal, the context), or `opaque` when
// the analysis cannot follow it. This module reads the request model: attributes, `has`, tags.
import type { InputSchema } from '../model.js';
import { allOf, atom, ERROR, FALSE, TRUE, type Formula } from './formula.js';
import { ACTION_TYPE, GATEWAY_TYPE, NS, type RequestShape } from './shape.js';
import type { ScalarType, Val } from './values.js';
import { placeKey as placeKeyOf, presenceKey, type Place, type VarRegistry } from './vars.js';

export type Term =
  | { t: 'value'; v: Val }
  | { t: 'bool'; f: Formula }
  | { t: 'scalar'; place: Place; type: ScalarType; guards: string[] }
  /** `elem` is undefined for Sets of records, Sets or decimals, which the analysis does not follow. */
  | { t: 'set'; place: Place; elem: ScalarType | undefined; guards: string[] }
  | { t: 'record'; path: string[]; schema: InputSchema; guards: string[] }
  | { t: 'context' }
  | { t: 'principal' }
  | { t: 'opaque'; reason: string };

export const ERROR_TERM: Term = { t: 'bool', f: ERROR };
export const isError = (term: Term) => term.t === 'bool' && term.f.k === 'const' && term.f.o === 'E';
export type OpaqueTerm = Extract<Term, { t: 'opaque' }>;
export const opaque = (reason: string): OpaqueTerm => ({ t: 'opaque', reason });

export const guardsOf = (term: Term): string[] => ('guards' in term ? term.guards : []);

/** Where a term's value comes from: the request model for one shape, and the variables it has handed out. */
export class RequestModel {
  constructor(
    readonly shape: RequestShape,
    readonly vars: VarRegistry,
  ) {}

  get principalEntityType(): string {
    return `${NS}::${this.shape.principalType}`;
  }

  actionValue(): Term {
    return { t: 'value', v: { k: 'entity', type: ACTION_TYPE, id: this.shape.action } };
  }

  resourceValue(): Term {
    return { t: 'value', v: { k: 'entity', type: GATEWAY_TYPE, id: this.shape.gateway.arn } };
  }

  value(place: Place, type: ScalarType, guards: string[]): Term {
    const key = placeKeyOf(place);
    if (!this.vars.has(key)) this.vars.set(key, { kind: 'value', place, type });
    return { t: 'scalar', place, type, guards };
  }

  presence(place: Place): string {
    const key = presenceKey(place);
    if (!this.vars.has(key)) this.vars.set(key, { kind: 'presence', place });
    return key;
  }

  /** `left.attr`. */
  attribute(left: Term, attr: string): Term {
    switch (left.t) {
      case 'context':
        if (attr !== 'input') return ERROR_TERM;
        return this.shape.input.type === 'object' ? { t: 'record', path: [], schema: this.shape.input, guards: [] } : opaque('reads a tool input that is not an object');
      case 'principal':
        return attr === 'id' ? this.value({ on: 'id' }, 'string', []) : ERROR_TERM;
      case 'record':
        return this.inputAttribute(left, attr);
      case 'value':
        if (left.v.k === 'record') return left.v.fields[attr] ? { t: 'value', v: left.v.fields[attr]! } : ERROR_TERM;
        return left.v.k === 'entity' ? this.fixedEntity(left.v, ERROR_TERM) : ERROR_TERM;
      case 'opaque':
        return left;
      default:
        return ERROR_TERM;
    }
  }

  /** `left has attr` for one attribute name. */
  has(left: Term, attr: string): Term {
    switch (left.t) {
      case 'context':
        return { t: 'bool', f: attr === 'input' ? TRUE : FALSE };
      case 'principal':
        return { t: 'bool', f: attr === 'id' ? TRUE : FALSE };
      case 'record': {
        const property = left.schema.properties?.[attr];
        if (!property) return { t: 'bool', f: allOf(left.guards, [{ t: 'fixed', o: 'F' }]) };
        if (isRequired(left.schema, attr)) return { t: 'bool', f: allOf(left.guards, []) };
        const place: Place = { on: 'input', path: [...left.path, attr] };
        return { t: 'bool', f: atom(left.guards, { t: 'present', v: this.presence(place) }) };
      }
      case 'value':
        if (left.v.k === 'record') return { t: 'bool', f: left.v.fields[attr] ? TRUE : FALSE };
        return left.v.k === 'entity' ? this.fixedEntity(left.v, { t: 'bool', f: FALSE }) : ERROR_TERM;
      case 'opaque':
        return left;
      default:
        return ERROR_TERM;
    }
  }

  /** `left.hasTag(name)` or `left.getTag(name)`. */
  tag(left: Term, name: Term, read: boolean): Term {
    if (name.t === 'opaque') return name;
    if (name.t !== 'value') return opaque('reads a tag named by an expression');
    if (name.v.k !== 'string') return ERROR_TERM;
    const absent: Term = read ? ERROR_TERM : { t: 'bool', f: FALSE };
    if (left.t === 'opaque') return left;
    if (left.t === 'value' && left.v.k === 'entity') return this.fixedEntity(left.v, absent);
    if (left.t !== 'principal') return ERROR_TERM;
    if (this.shape.principalType !== 'OAuthUser') return absent;
    const place: Place = { on: 'tag', name: name.v.v };
    const presence = this.presence(place);
    return read ? this.value(place, 'string', [presence]) : { t: 'bool', f: atom([], { t: 'present', v: presence }) };
  }

  /** Attributes and tags of an entity named in the policy: actions and gateways have none; an entity of the
   * principal's type may be the principal itself, which the analysis does not follow. */
  private fixedEntity(entity: { type: string; id: string }, none: Term): Term {
    return entity.type === this.principalEntityType ? opaque('reads an attribute or tag of a fixed entity') : none;
  }

  private inputAttribute(record: Extract<Term, { t: 'record' }>, attr: string): Term {
    const property = record.schema.properties?.[attr];
    if (!property) return ERROR_TERM;
    const path = [...record.path, attr];
    const place: Place = { on: 'input', path };
    const guards = isRequired(record.schema, attr) ? record.guards : [...record.guards, this.presence(place)];
    switch (property.type) {
      case 'object':
        return { t: 'record', path, schema: property, guards };
      case 'array':
        return { t: 'set', place, elem: elementTypeOf(property.items ?? { type: 'string' }), guards };
      case 'number':
        return opaque('uses decimal values');
      default:
        return this.value(place, scalarTypeOf(property)!, guards);
    }
  }
}

function isRequired(schema: InputSchema, attr: string): boolean {
  return (schema.required ?? []).includes(attr);
}

/** Sets of Longs and Strings are followed; Sets of Booleans, decimals, records or Sets are not. */
function elementTypeOf(schema: InputSchema): ScalarType | undefined {
  return schema.type === 'string' ? 'string' : schema.type === 'integer' ? 'long' : undefined;
}

function scalarTypeOf(schema: InputSchema): ScalarType | undefined {
  return schema.type === 'string' ? 'string' : schema.type === 'integer' ? 'long' : schema.type === 'boolean' ? 'bool' : undefined;
}
