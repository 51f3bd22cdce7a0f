// Cedar values the analysis knows at compile time (literals and what folds from them), with Cedar's equality and
// checked Long arithmetic. Longs are JS numbers, so a literal beyond 2^53 is refused rather than rounded.
import type { EstValue } from '../cedar/est.js';

export type Val =
  | { k: 'bool'; v: boolean }
  | { k: 'long'; v: number }
  | { k: 'string'; v: string }
  | { k: 'set'; items: Val[] }
  | { k: 'record'; fields: Record<string, Val> }
  | { k: 'entity'; type: string; id: string };

/** The value of one attribute in a request, as the search assigns it. */
export type Scalar = number | string | boolean;
export type ScalarType = 'long' | 'string' | 'bool';

export const BEYOND_2_53 = 'uses a number beyond 2^53';

/** A literal from the EST; a string reason when it is outside what the analysis handles. */
export function valueOf(json: EstValue): Val | string {
  if (typeof json === 'boolean') return { k: 'bool', v: json };
  if (typeof json === 'string') return { k: 'string', v: json };
  if (typeof json === 'number') return Number.isSafeInteger(json) ? { k: 'long', v: json } : BEYOND_2_53;
  if (json === null) return 'uses a null literal';
  if (Array.isArray(json)) return setOf(json.map(valueOf));
  if ('__entity' in json) {
    const entity = json.__entity as { type: string; id: string };
    return { k: 'entity', type: entity.type, id: entity.id };
  }
  if ('__extn' in json) return `uses ${(json.__extn as { fn: string }).fn} values`;
  return recordOf(Object.entries(json).map(([name, field]) => [name, valueOf(field as EstValue)]));
}

export function setOf(items: (Val | string)[]): Val | string {
  const reason = items.find((item): item is string => typeof item === 'string');
  return reason ?? { k: 'set', items: items as Val[] };
}

export function recordOf(fields: [string, Val | string][]): Val | string {
  const reason = fields.map(([, v]) => v).find((v): v is string => typeof v === 'string');
  return reason ?? { k: 'record', fields: Object.fromEntries(fields) as Record<string, Val> };
}

/** Cedar's `==`: values of different types are unequal, sets compare as sets, records field by field. */
export function equal(a: Val, b: Val): boolean {
  switch (a.k) {
    case 'bool':
    case 'long':
    case 'string':
      return a.k === b.k && a.v === b.v;
    case 'entity':
      return b.k === 'entity' && a.type === b.type && a.id === b.id;
    case 'set':
      return b.k === 'set' && a.items.every((x) => b.items.some((y) => equal(x, y))) && b.items.every((y) => a.items.some((x) => equal(x, y)));
    case 'record': {
      if (b.k !== 'record') return false;
      const names = Object.keys(a.fields);
      return names.length === Object.keys(b.fields).length && names.every((n) => b.fields[n] !== undefined && equal(a.fields[n]!, b.fields[n]!));
    }
  }
}

/** The scalar a value holds when it has the given type. */
export function scalarOf(value: Val, type: ScalarType): Scalar | undefined {
  return value.k === type ? (value as { v: Scalar }).v : undefined;
}

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

/** Cedar's checked `+ - *` on Longs: `overflow` when Cedar would error, `unsafe` beyond 2^53. */
export function arithmetic(op: '+' | '-' | '*', a: number, b: number): number | 'overflow' | 'unsafe' {
  const [x, y] = [BigInt(a), BigInt(b)];
  const result = op === '+' ? x + y : op === '-' ? x - y : x * y;
  if (result < LONG_MIN || result > LONG_MAX) return 'overflow';
  const n = Number(result);
  return Number.isSafeInteger(n) ? n : 'unsafe';
}
