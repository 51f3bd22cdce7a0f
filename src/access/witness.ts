// Requests from the search's hits: the variables a hit assigned, and for the rest the least a valid request
// needs (required inputs at plain defaults, optional inputs and tags left out). Only tags and inputs the decisions
// turned on appear; values come from the classes, so they sit at the boundaries the policies draw.
import { ANY_PRINCIPAL_ID, type InputSchema } from '../model.js';
import type { Hit } from './search.js';
import type { RequestShape } from './shape.js';
import type { AccessRequest } from './types.js';
import type { Universe } from './universe.js';
import { bitKeyIn, placeKey, presenceKey, type Place } from './vars.js';

const DEFAULT_ID = ANY_PRINCIPAL_ID;

export function requestOf(shape: RequestShape, universe: Universe, values: Map<string, unknown>): AccessRequest {
  const principal: AccessRequest['principal'] = { type: shape.principalType, id: String(values.get(placeKey({ on: 'id' })) ?? DEFAULT_ID) };
  if (shape.principalType === 'OAuthUser') {
    const names = [...universe.vars.values()].flatMap((info) => (info.kind === 'presence' && info.place.on === 'tag' ? [info.place.name] : []));
    const present = names.sort().filter((name) => values.get(presenceKey({ on: 'tag', name })) === true);
    principal.tags = Object.fromEntries(present.map((name) => [name, String(values.get(placeKey({ on: 'tag', name })) ?? 'x')]));
  }
  const input = shape.input.type === 'object' ? objectOf(shape.input, [], universe, values) : defaultOf(shape.input);
  return { principal, input: input as Record<string, unknown> };
}

function objectOf(schema: InputSchema, path: string[], universe: Universe, values: Map<string, unknown>): Record<string, unknown> {
  const required = new Set(schema.required ?? []);
  // From entries, so an input named `__proto__` is a member like any other, not the object's prototype.
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).flatMap(([name, property]) => {
      const place: Place & { on: 'input' } = { on: 'input', path: [...path, name] };
      return !required.has(name) && values.get(presenceKey(place)) !== true ? [] : [[name, valueOf(property, place, universe, values)]];
    }),
  );
}

function valueOf(schema: InputSchema, place: Place & { on: 'input' }, universe: Universe, values: Map<string, unknown>): unknown {
  if (schema.type === 'object') return objectOf(schema, place.path, universe, values);
  if (schema.type === 'array') {
    const set = placeKey(place);
    const held = (universe.elements.get(set) ?? []).filter(({ bit }) => values.get(bit) === true).map(({ element }) => element);
    const extra = universe.extras.get(set);
    return values.get(bitKeyIn(set)) === true && extra !== undefined ? [...held, extra] : held;
  }
  return values.get(placeKey(place)) ?? defaultOf(schema);
}

function defaultOf(schema: InputSchema): unknown {
  switch (schema.type) {
    case 'string':
      return 'x';
    case 'integer':
      return 0;
    // A fractional number, so that it reaches Cedar as a decimal as AgentCore maps `number`.
    case 'number':
      return 0.5;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object':
      return Object.fromEntries((schema.required ?? []).filter((n) => schema.properties?.[n]).map((n) => [n, defaultOf(schema.properties![n]!)]));
  }
}

/** Hits in the order worth showing: fewer tags and optional inputs first, then search order. `distinct` holds one
 * hit per situation (hits that differ only in a number show the same thing); `others` the rest, to fall back on. */
export function rankHits(hits: Hit[], universe: Universe): { distinct: Hit[]; others: Hit[] } {
  const size = (hit: Hit) => [...hit.values].filter(([key, v]) => v === true && universe.vars.get(key)?.kind === 'presence').length;
  const ranked = hits.map((hit, order) => ({ hit, order, size: size(hit) })).sort((a, b) => a.size - b.size || a.order - b.order);
  const isNumber = (key: string) => {
    const info = universe.vars.get(key);
    return info?.kind === 'value' && info.type === 'long';
  };
  const situation = (hit: Hit) => JSON.stringify([...hit.values].filter(([key]) => !isNumber(key)).sort());
  const seen = new Set<string>();
  const result = { distinct: [] as Hit[], others: [] as Hit[] };
  for (const { hit } of ranked) {
    const s = situation(hit);
    (seen.has(s) ? result.others : result.distinct).push(hit);
    seen.add(s);
  }
  return result;
}
