// The variables of one shape's requests that the policies being compared read, with the values the search tries
// for each (see classes.ts), so that every test in every policy gives the same answer on all the values a
// representative stands for. Built from every policy of every side at once, so the sides are compared on the
// same classes.
import { longClasses, stringClasses } from './classes.js';
import type { CompiledPolicy } from './compile.js';
import type { Assignment, Formula } from './formula.js';
import type { Glob } from './glob.js';
import type { Scalar } from './values.js';
import { bitKeyIn, placeKey, type VarInfo, type VarRegistry } from './vars.js';

const OPAQUE_VALUES = ['F', 'T', 'E'];
const PRESENCE = [false, true];

export class Universe {
  readonly vars: VarRegistry = new Map();
  /** For each Set input (by place key), the elements the policies name, with their bit variables. */
  readonly elements = new Map<string, { element: Scalar; bit: string }[]>();
  /** For each Set input, the element that stands for "one no policy names". */
  readonly extras = new Map<string, Scalar>();
  private readonly constants = new Map<string, Scalar[]>();
  private readonly globs = new Map<string, Glob[]>();
  private readonly domains = new Map<string, unknown[] | { reason: string }>();

  constructor(policies: CompiledPolicy[]) {
    for (const policy of policies) for (const [key, info] of policy.vars) this.vars.set(key, info);
    for (const policy of policies) {
      walk(policy.formula, (test) => {
        if (test.t === 'eq' || test.t === 'cmp') push(this.constants, test.v, test.c);
        else if (test.t === 'like') push(this.globs, test.v, test.glob);
      });
    }
    for (const [key, info] of this.vars) {
      if (info.kind === 'bit' && info.element !== undefined) push(this.elements, placeKey(info.place), { element: info.element, bit: key });
    }
    for (const info of this.vars.values()) {
      if (info.kind !== 'bit' || info.element !== undefined) continue;
      const set = placeKey(info.place);
      const named = (this.elements.get(set) ?? []).map((e) => e.element);
      this.extras.set(set, info.elementType === 'long' ? Math.max(0, ...(named as number[])) + 1 : freshString(named as string[]));
    }
  }

  /** The values tried for a variable, in the order tried; worked out when the search first needs them (for a
   * String, that can take a walk of automata), or why they cannot be. */
  domain(key: string): unknown[] | { reason: string } {
    let domain = this.domains.get(key);
    if (domain === undefined) {
      const info = this.vars.get(key);
      if (!info) throw new Error(`access universe: unknown variable ${key}`);
      const values = domainOf(info, this.constants.get(key) ?? [], this.globs.get(key) ?? []);
      domain = values ?? { reason: `too many like patterns on ${describePlace(info)} to resolve` };
      this.domains.set(key, domain);
    }
    return domain;
  }
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function domainOf(info: VarInfo, constants: Scalar[], globs: Glob[]): unknown[] | undefined {
  switch (info.kind) {
    case 'presence':
    case 'bit':
      return PRESENCE;
    case 'opaque':
      return OPAQUE_VALUES;
    case 'value':
      if (info.type === 'bool') return PRESENCE;
      if (info.type === 'long') return longClasses(constants.filter((c): c is number => typeof c === 'number'));
      return stringClasses(constants.filter((c): c is string => typeof c === 'string'), globs, [info.place.on === 'id' ? 'user' : 'other']);
  }
}

function freshString(named: string[]): string {
  for (let i = 0; ; i++) if (!named.includes(i === 0 ? 'other' : `other-${i}`)) return i === 0 ? 'other' : `other-${i}`;
}

function describePlace(info: VarInfo): string {
  if (info.kind === 'opaque') return 'an expression';
  const place = info.place;
  return place.on === 'id' ? 'principal.id' : place.on === 'tag' ? `tag ${place.name}` : `input ${place.path.join('.')}`;
}

function walk(f: Formula, visit: (test: Extract<Formula, { k: 'atom' }>['test']) => void): void {
  if (f.k === 'atom') visit(f.test);
  else if (f.k === 'not') walk(f.a, visit);
  else if (f.k === 'and' || f.k === 'or') {
    walk(f.a, visit);
    walk(f.b, visit);
  } else if (f.k === 'ite') {
    walk(f.c, visit);
    walk(f.a, visit);
    walk(f.b, visit);
  }
}

/** The search's assignment over a universe. */
export function assignmentOver(universe: Universe, values: Map<string, unknown>): Assignment {
  return {
    get: (key) => values.get(key),
    elements: (set) => universe.elements.get(set) ?? [],
    extra: (set) => bitKeyIn(set),
  };
}

