// The variables a request is made of, as the search assigns them: the principal's id, each tag (its presence and
// its value), each input attribute (presence when optional, value), one bit per element a Set input is tested for
// (plus one for "some other element"), and each opaque sub-expression the analysis cannot reason about.
import type { Scalar, ScalarType } from './values.js';

export type Place = { on: 'id' } | { on: 'tag'; name: string } | { on: 'input'; path: string[] };

export type VarInfo =
  | { kind: 'presence'; place: Place }
  | { kind: 'value'; place: Place; type: ScalarType }
  /** Whether the Set at `place` holds `element`; without `element`, whether it holds one the policies never name. */
  | { kind: 'bit'; place: Place; element?: Scalar; elementType: ScalarType }
  | { kind: 'opaque'; reason: string };

export function placeKey(place: Place): string {
  if (place.on === 'id') return 'id';
  return place.on === 'tag' ? `tag:${JSON.stringify(place.name)}` : `in:${JSON.stringify(place.path)}`;
}

export const presenceKey = (place: Place) => `?${placeKey(place)}`;

/** The bit of one element of the Set input whose place key is `set`; without an element, of "another one". */
export const bitKeyIn = (set: string, element?: Scalar) => `${set}#${element === undefined ? '*' : JSON.stringify(element)}`;
export const bitKey = (place: Place, element?: Scalar) => bitKeyIn(placeKey(place), element);

export const opaqueKey = (expression: string) => `op:${expression}`;

export type VarRegistry = Map<string, VarInfo>;
