// Witnesses without what does not matter: a hit can carry a tag or an optional input the search assigned on its way
// (say a username that no forbid blocks) without the difference depending on it. Each one is dropped when the
// policies, evaluated on the concrete request, still decide as the hit did.
import type { InputSchema } from '../model.js';
import type { CompiledPolicy } from './compile.js';
import { evaluate } from './formula.js';
import type { Decision } from './search.js';
import type { RequestShape } from './shape.js';
import type { AccessRequest } from './types.js';
import { assignmentOver, type Universe } from './universe.js';
import { placeKey as placeKeyOf, type Place } from './vars.js';

export function shrink(request: AccessRequest, shape: RequestShape, universe: Universe, sides: CompiledPolicy[][], expected: Decision[]): AccessRequest {
  const holds = (r: AccessRequest) => {
    const values = valuesOf(universe, r);
    return values !== undefined && sides.every((side, i) => decide(side, universe, values) === expected[i]);
  };
  if (!holds(request)) return request;
  let current = request;
  for (const tag of Object.keys(request.principal.tags ?? {})) {
    const { [tag]: _, ...rest } = current.principal.tags!;
    const next = { ...current, principal: { ...current.principal, tags: rest } };
    if (holds(next)) current = next;
  }
  for (const path of optionalPaths(shape.input, [])) {
    const next = { ...current, input: without(current.input, path) };
    if (next.input !== current.input && holds(next)) current = next;
  }
  return current;
}

/** The request as the search's variables, or undefined when the policies have parts it cannot evaluate. */
function valuesOf(universe: Universe, request: AccessRequest): Map<string, unknown> | undefined {
  const values = new Map<string, unknown>();
  for (const [key, info] of universe.vars) {
    if (info.kind === 'opaque') return undefined;
    const value = lookup(request, info.place);
    if (info.kind === 'presence') values.set(key, value !== undefined);
    else if (info.kind === 'value' && value !== undefined) values.set(key, value);
    else if (info.kind === 'bit' && Array.isArray(value)) {
      const named = (universe.elements.get(placeKeyOf(info.place)) ?? []).map((e) => e.element);
      values.set(key, info.element === undefined ? value.some((e) => !named.includes(e)) : value.includes(info.element));
    }
  }
  return values;
}

function decide(side: CompiledPolicy[], universe: Universe, values: Map<string, unknown>): Decision | undefined {
  const assignment = assignmentOver(universe, values);
  let permitted = false;
  for (const policy of side) {
    const result = evaluate(policy.formula, assignment);
    if (typeof result === 'object') return undefined;
    if (result === 'T' && policy.effect === 'forbid') return 'deny';
    if (result === 'T') permitted = true;
  }
  return permitted ? 'allow' : 'deny';
}

function lookup(request: AccessRequest, place: Place): unknown {
  if (place.on === 'id') return request.principal.id;
  if (place.on === 'tag') return request.principal.tags?.[place.name];
  let value: unknown = request.input;
  for (const name of place.path) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
  return value;
}

function optionalPaths(schema: InputSchema, path: string[]): string[][] {
  const required = new Set(schema.required ?? []);
  return Object.entries(schema.properties ?? {}).flatMap(([name, property]) => [
    ...(required.has(name) ? [] : [[...path, name]]),
    ...(property.type === 'object' ? optionalPaths(property, [...path, name]) : []),
  ]);
}

/** The input without the attribute at `path`; the same object when it is not there. */
function without(input: Record<string, unknown>, path: string[]): Record<string, unknown> {
  const [name, ...rest] = path;
  if (!(name! in input)) return input;
  if (rest.length === 0) {
    const { [name!]: _, ...others } = input;
    return others;
  }
  const inner = input[name!];
  if (inner === null || typeof inner !== 'object') return input;
  const next = without(inner as Record<string, unknown>, rest);
  return next === inner ? input : { ...input, [name!]: next };
}
