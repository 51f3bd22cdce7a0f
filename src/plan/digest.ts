// The digests that tie a saved plan to what it was made from: `desired` hashes everything of an engine's desired
// state that decides the plan's steps, and `digest` hashes a plan's own content (each engine's section, and the
// whole document), so an edit to a saved file shows. Canonical JSON (keys sorted, undefined left out as JSON does),
// so a plan hashes the same however a tool reordered its keys. These are not signatures: whoever edits a file can
// compute them again. What makes applying a saved plan safe is that apply plans again and executes that plan
// (src/apply/verify-saved.ts); the digests tell an edited file and a changed repository apart, and say so.
import { createHash, randomBytes } from 'node:crypto';
import type { DesiredEngine } from '../model.js';
import type { EnginePlan, Plan } from './types.js';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortedKeys);
}

/** An object with its keys sorted: itself when they already are (JavaScript lists integer-like keys first in any
 * object, so a copy would list them as the object does), else a sorted copy. */
function sortedKeys(_key: string, value: unknown): unknown {
  if (!isRecord(value)) return value;
  const keys = Object.keys(value);
  let sorted = true;
  for (let i = 1; i < keys.length && sorted; i++) sorted = keys[i - 1]! <= keys[i]!;
  if (sorted) return value;
  // No prototype, so an own `__proto__` key (JSON.parse makes one from a saved plan's text) is copied as a key, not
  // taken for the copy's prototype and left out of the digest.
  const copy: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of keys.sort()) copy[key] = value[key];
  return copy;
}

function sha256(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value), 'utf8').digest('hex');
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** Everything the planner reads of the desired state: the engine file's settings and gateways, and each policy as
 * resolved (variables filled, normal form) with all it sends and where it is declared. Variables are in it through
 * the statements they fill; a gateway's targets and tools (read by validation, not by the planner) are not. */
export function desiredDigest(desired: DesiredEngine): string {
  const { engine } = desired;
  return sha256({
    engine: {
      name: engine.name,
      description: engine.description,
      region: engine.region,
      endpoint: engine.endpoint,
      groups: [...engine.groups].sort(),
      prune: engine.prune,
      gateways: engine.gateways.map((g) => ({ arn: g.arn, mode: g.mode })).sort((a, b) => (a.arn < b.arn ? -1 : a.arn > b.arn ? 1 : 0)),
    },
    policies: desired.policies
      .map(({ spec, statement, effect }) => {
        const { name, group, file, declaredAt, version, description, enforcementMode, validationMode } = spec;
        // Keys in sorted order, which canonicalJson then need not copy (a thousand policies, every plan).
        return { declaredAt, description, effect, enforcementMode, file, group, name, statement, validationMode, version };
      })
      .sort(byName),
    disabled: desired.disabled.map((spec) => spec.name).sort(),
  });
}

/** Stands in for a value in a canonical text until the value is known: hex, so JSON writes it as it is, and random,
 * so no content spells it. */
const STAND_IN = `stand-in-${randomBytes(16).toString('hex')}`;

/** The canonical text of each section this process sealed, for sealing the plan that holds it: sections are the bulk
 * of a plan (a thousand policy changes), and were otherwise written once for their own digest and again for the
 * plan's. A section is never changed once sealed (a step that adds to one makes a new one and seals that); one read
 * from a file is never here, and editedParts never looks here. */
const sealedTexts = new WeakMap<object, string>();

/** An engine's section with its digest. */
export function sealEngine(plan: Omit<EnginePlan, 'digest'>): EnginePlan {
  // Written once with the digest standing in: without the member, the text the digest covers; with it, the section.
  // `engine` always follows `digest`, so the member ends with a comma.
  const text = canonicalJson({ ...plan, digest: STAND_IN });
  const digest = createHash('sha256').update(text.replace(`"digest":"${STAND_IN}",`, ''), 'utf8').digest('hex');
  const sealed = { ...plan, digest };
  sealedTexts.set(sealed, text.replace(`"${STAND_IN}"`, `"${digest}"`));
  return sealed;
}

/** The document with its digest, which covers the engines' own digests. */
export function sealPlan(plan: Omit<Plan, 'digest'>): Plan {
  const known: string[] = [];
  const written = JSON.stringify({ ...plan, digest: undefined }, (key, value: unknown) => {
    const text = isRecord(value) ? sealedTexts.get(value) : undefined;
    if (text === undefined) return sortedKeys(key, value);
    known.push(text);
    return `${STAND_IN}-${known.length - 1}`;
  });
  const text = written.replace(new RegExp(`"${STAND_IN}-(\\d+)"`, 'g'), (_stand, index: string) => known[Number(index)]!);
  return { ...plan, digest: createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** The parts of a plan whose content no longer matches its digest, in words: the engine sections edited, or else
 * the document (its list of engines or its top-level fields); empty when the plan is as it was made. */
export function editedParts(plan: Plan): string[] {
  const engines = plan.engines.flatMap((engine, i) => (sha256({ ...engine, digest: undefined }) === engine.digest ? [] : [`engines[${i}] (${engine.engine})`]));
  if (engines.length > 0) return engines;
  return sha256({ ...plan, digest: undefined }) === plan.digest ? [] : ['the document (its list of engines or its top-level fields)'];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
