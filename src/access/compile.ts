// A policy's EST, for one request shape, to a formula: its scope and conditions as Cedar evaluates them
// (`when` must be true, `unless` false, an error anywhere means not satisfied). What the analysis cannot follow
// becomes an opaque variable keyed by the sub-expression's JSON, so the same sub-expression in two policies is the
// same variable, with the reason kept for the verdict.
import { entityOf, type Est, type EstEntity, type EstExpr } from '../cedar/est.js';
import { and, atom, ERROR, FALSE, ite, not, or, TRUE, type CompareOp, type Formula } from './formula.js';
import { globOf } from './glob.js';
import { compare, contains, containsSet, equality, isEmpty, isOpaque, isType, like, membership, type Out } from './operators.js';
import type { RequestShape } from './shape.js';
import { ERROR_TERM, isError, opaque, RequestModel, type Term } from './terms.js';
import { arithmetic, BEYOND_2_53, recordOf, setOf, valueOf, type Val } from './values.js';
import { opaqueKey, placeKey, type VarRegistry } from './vars.js';

export interface CompiledPolicy {
  /** The EST's JSON without annotations: equal keys, equal policies. */
  key: string;
  effect: 'permit' | 'forbid';
  /** Whether the scope can match this shape's requests (principal type, action, resource), conditions aside. */
  covers: boolean;
  /** When the policy is satisfied: scope and conditions. */
  formula: Formula;
  vars: VarRegistry;
  /** Why parts of it are opaque, in words; empty when the analysis follows all of it. */
  reasons: string[];
}

const COMPARE: CompareOp[] = ['<', '<=', '>', '>='];
const EXTENSIONS: [RegExp, string][] = [
  [/^(decimal|lessThan|lessThanOrEqual|greaterThan|greaterThanOrEqual)$/, 'uses decimal values'],
  [/^(ip|isIpv4|isIpv6|isLoopback|isMulticast|isInRange)$/, 'uses IP addresses'],
  [/^(datetime|duration|offset|durationSince|toDate|toTime|toDays|toHours|toMinutes|toSeconds|toMilliseconds)$/, 'uses dates and durations'],
];

export function compilePolicy(est: Est, key: string, shape: RequestShape): CompiledPolicy {
  const compiler = new Compiler(new RequestModel(shape, new Map()));
  const empty = { key, effect: est.effect, covers: false, formula: FALSE, vars: compiler.model.vars, reasons: [] };
  const scope = [scopeExpression('principal', est.principal), scopeExpression('action', est.action), scopeExpression('resource', est.resource)]
    .map((e) => (e ? compiler.formula(e) : TRUE))
    .reduce(and);
  if (scope.k === 'const' && scope.o !== 'T') return empty;
  const conditions = est.conditions.map((c) => (c.kind === 'when' ? compiler.formula(c.body) : not(compiler.formula(c.body))));
  const formula = conditions.reduce(and, scope);
  return { key, effect: est.effect, covers: true, formula, vars: compiler.model.vars, reasons: [...compiler.reasons].sort() };
}

const entityValue = (e: unknown): EstExpr => ({ Value: { __entity: entityOf(e as EstEntity) } });

/** A scope constraint as the condition it stands for; undefined for an unconstrained one. */
function scopeExpression(variable: 'principal' | 'action' | 'resource', constraint: object): EstExpr | undefined {
  const c = constraint as Record<string, unknown>;
  const left: EstExpr = { Var: variable };
  if (c.op === 'All') return undefined;
  if ('slot' in c) return { Slot: String(c.slot) };
  if (c.op === '==') return { '==': { left, right: entityValue(c.entity) } };
  if (c.op === 'is') return { is: { left, entity_type: String(c.entity_type), ...(c.in ? { in: entityValue((c.in as { entity: unknown }).entity) } : {}) } };
  const targets = 'entities' in c ? { Set: (c.entities as unknown[]).map(entityValue) } : entityValue(c.entity);
  return { in: { left, right: targets } };
}

const asTerm = (o: Out): Term => (isOpaque(o) ? o : { t: 'bool', f: o });

class Compiler {
  readonly reasons = new Set<string>();
  constructor(readonly model: RequestModel) {}

  /** An expression in a place that needs a Boolean. */
  formula(e: EstExpr): Formula {
    return this.asFormula(this.term(e), e);
  }

  private asFormula(term: Term, e: EstExpr): Formula {
    switch (term.t) {
      case 'bool':
        return term.f;
      case 'value':
        return term.v.k === 'bool' ? (term.v.v ? TRUE : FALSE) : ERROR;
      case 'scalar':
        return term.type === 'bool' ? atom(term.guards, { t: 'bool', v: placeKey(term.place) }) : ERROR;
      case 'opaque': {
        const key = opaqueKey(JSON.stringify(e));
        this.reasons.add(term.reason);
        if (!this.model.vars.has(key)) this.model.vars.set(key, { kind: 'opaque', reason: term.reason });
        return atom([], { t: 'opaque', v: key });
      }
      default:
        return ERROR;
    }
  }

  term(e: EstExpr): Term {
    const [op, body] = Object.entries(e)[0] as [string, any]; // eslint-disable-line @typescript-eslint/no-explicit-any
    const m = this.model;
    switch (op) {
      case 'Value': {
        const v = valueOf(body);
        return typeof v === 'string' ? opaque(v) : { t: 'value', v };
      }
      case 'Var':
        return body === 'principal' ? { t: 'principal' } : body === 'action' ? m.actionValue() : body === 'resource' ? m.resourceValue() : { t: 'context' };
      case 'Slot':
        return opaque('uses a template slot');
      case '!':
        return { t: 'bool', f: not(this.formula(body.arg)) };
      case '&&':
      case '||':
        return { t: 'bool', f: (op === '&&' ? and : or)(this.formula(body.left), this.formula(body.right)) };
      case 'if-then-else':
        return this.ifThenElse(body.if, body.then, body.else);
      case '==':
      case '!=': {
        const result = equality(m, this.term(body.left), this.term(body.right));
        return asTerm(op === '!=' && !isOpaque(result) ? not(result) : result);
      }
      case 'in':
        return asTerm(membership(m, this.term(body.left), this.term(body.right)));
      case 'contains':
        return asTerm(contains(m, this.term(body.left), this.term(body.right)));
      case 'containsAll':
      case 'containsAny':
        return asTerm(containsSet(m, this.term(body.left), this.term(body.right), op === 'containsAll'));
      case 'isEmpty':
        return asTerm(isEmpty(m, this.term(body.arg)));
      case 'hasTag':
      case 'getTag':
        return m.tag(this.term(body.left), this.term(body.right), op === 'getTag');
      case '.':
        return m.attribute(this.term(body.left), body.attr);
      case 'has':
        return this.has(body.left, Array.isArray(body.attr) ? body.attr : [body.attr]);
      case 'like':
        return asTerm(like(this.term(body.left), globOf(body.pattern)));
      case 'is':
        return asTerm(isType(m, this.term(body.left), body.entity_type, body.in ? this.term(body.in) : undefined));
      case '+':
      case '-':
      case '*':
        return this.arithmetic(op, this.term(body.left), this.term(body.right));
      case 'neg':
        return this.arithmetic('-', { t: 'value', v: { k: 'long', v: 0 } }, this.term(body.arg));
      case 'Set':
      case 'Record':
        return this.literal(op, body);
      default:
        if (COMPARE.includes(op as CompareOp)) return asTerm(compare(op as CompareOp, this.term(body.left), this.term(body.right)));
        return opaque(EXTENSIONS.find(([pattern]) => pattern.test(op))?.[1] ?? `calls ${op}`);
    }
  }

  /** `e has a.b.c` is `e has a && e.a has b && e.a.b has c`. */
  private has(left: EstExpr, attrs: string[]): Term {
    let target = this.term(left);
    let result: Formula = TRUE;
    for (const attr of attrs) {
      const step = this.model.has(target, attr);
      if (step.t === 'opaque') return step;
      result = and(result, step.t === 'bool' ? step.f : ERROR);
      target = this.model.attribute(target, attr);
    }
    return { t: 'bool', f: result };
  }

  private ifThenElse(condition: EstExpr, then: EstExpr, otherwise: EstExpr): Term {
    const c = this.formula(condition);
    if (c.k === 'const') return c.o === 'E' ? ERROR_TERM : this.term(c.o === 'T' ? then : otherwise);
    const [a, b] = [this.term(then), this.term(otherwise)];
    const boolean = (t: Term) => t.t === 'bool' || (t.t === 'value' && t.v.k === 'bool') || t.t === 'opaque';
    if (!boolean(a) || !boolean(b)) return opaque('chooses a value with if-then-else');
    return { t: 'bool', f: ite(c, this.asFormula(a, then), this.asFormula(b, otherwise)) };
  }

  private arithmetic(op: '+' | '-' | '*', left: Term, right: Term): Term {
    if (isError(left) || isError(right)) return ERROR_TERM;
    if (left.t === 'opaque') return left;
    if (right.t === 'opaque') return right;
    const long = (t: Term) => (t.t === 'value' && t.v.k === 'long' ? t.v.v : undefined);
    const [a, b] = [long(left), long(right)];
    if (a !== undefined && b !== undefined) {
      const result = arithmetic(op, a, b);
      return result === 'overflow' ? ERROR_TERM : result === 'unsafe' ? opaque(BEYOND_2_53) : { t: 'value', v: { k: 'long', v: result } };
    }
    const onAttribute = (t: Term) => t.t === 'scalar' && t.type === 'long';
    return (onAttribute(left) || a !== undefined) && (onAttribute(right) || b !== undefined) ? opaque('does arithmetic on an attribute') : ERROR_TERM;
  }

  private literal(kind: 'Set' | 'Record', body: EstExpr[] | Record<string, EstExpr>): Term {
    const entries = Object.entries(body).map(([name, e]) => [name, this.term(e)] as const);
    if (entries.some(([, t]) => isError(t))) return ERROR_TERM;
    const pending = entries.find(([, t]) => t.t !== 'value');
    if (pending) return pending[1].t === 'opaque' ? pending[1] : opaque(`builds a ${kind === 'Set' ? 'Set' : 'record'} from attributes`);
    const values = entries.map(([name, t]) => [name, (t as { v: Val }).v] as [string, Val]);
    const v = kind === 'Set' ? setOf(values.map(([, x]) => x)) : recordOf(values);
    return typeof v === 'string' ? opaque(v) : { t: 'value', v };
  }
}
