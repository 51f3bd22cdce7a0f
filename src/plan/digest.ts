// The digests that tie a saved plan to what it was made from: `desired` hashes everything of an engine's desired
// state that decides the plan's steps, and `digest` hashes a plan's own content (each engine's section, and the
// whole document), so an edit to a saved file shows. Canonical JSON (keys sorted, undefined left out as JSON does),
// so a plan hashes the same however a tool reordered its keys. These are not signatures: whoever edits a file can
// compute them again. What makes applying a saved plan safe is that apply plans again and executes that plan
// (src/apply/verify-saved.ts); the digests tell an edited file and a changed repository apart, and say so.
import { createHash } from 'node:crypto';
import type { DesiredEngine } from '../model.js';
import type { EnginePlan, Plan } from './types.js';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
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
        return { name, group, file, declaredAt, version, description, enforcementMode, validationMode, statement, effect };
      })
      .sort(byName),
    disabled: desired.disabled.map((spec) => spec.name).sort(),
  });
}

/** An engine's section with its digest. */
export function sealEngine(plan: Omit<EnginePlan, 'digest'>): EnginePlan {
  return { ...plan, digest: sha256({ ...plan, digest: undefined }) };
}

/** The document with its digest, which covers the engines' own digests. */
export function sealPlan(plan: Omit<Plan, 'digest'>): Plan {
  return { ...plan, digest: sha256({ ...plan, digest: undefined }) };
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
