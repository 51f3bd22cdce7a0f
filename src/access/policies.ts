// The policies of one comparison, read once: each statement parsed to its EST (cached by text across calls) and
// compiled once per request shape it can apply to, so a policy on both sides is one compiled object and the
// search can see it is shared.
import { entityOf, policyToEst, type Est, type EstEntity } from '../cedar/est.js';
import { buildCedarSchema } from '../cedar/schema.js';
import { compilePolicy, type CompiledPolicy } from './compile.js';
import { shapesOf, type RequestShape } from './shape.js';
import type { AccessGateway, AccessPolicy } from './types.js';

export interface Parsed {
  est: Est;
  /** The EST's JSON without annotations. */
  key: string;
  /** The one action and gateway its scope names with `==`, if it does: the quick way to skip a shape. */
  only: { action?: string; resource?: string };
}

const PARSE_CACHE_LIMIT = 50_000;
const parsed = new Map<string, Parsed | { error: string }>();

export function parseStatement(statement: string): Parsed | { error: string } {
  const known = parsed.get(statement);
  if (known) return known;
  const result = policyToEst(statement);
  const entry = result.ok ? { est: result.est, key: JSON.stringify({ ...result.est, annotations: undefined }), only: onlyOf(result.est) } : { error: result.message };
  if (parsed.size >= PARSE_CACHE_LIMIT) parsed.clear();
  parsed.set(statement, entry);
  return entry;
}

function onlyOf(est: Est): Parsed['only'] {
  const named = (constraint: object) => {
    const c = constraint as { op: string; entity?: EstEntity };
    return c.op === '==' && c.entity ? entityOf(c.entity).id : undefined;
  };
  return { action: named(est.action), resource: named(est.resource) };
}

/** One side's say on one shape: the active policies whose scope can match it. */
export interface Side {
  /** As given, for Cedar's authorizer. */
  policies: AccessPolicy[];
  /** Compiled, one per distinct EST, leaving out those that can never be satisfied (they decide nothing). */
  compiled: CompiledPolicy[];
  /** Active policies that do not parse: nothing can be said about a side that has one. */
  broken: string[];
  /** A name for each compiled policy (the first id with its EST), for reasons in words. */
  names: Map<CompiledPolicy, string>;
}

export class Analysis {
  readonly shapes: RequestShape[];
  private builtSchema: Record<string, unknown> | undefined;
  /** By EST key, then shape: a policy on both sides is one compiled object. */
  private readonly compiled = new Map<string, Map<RequestShape, CompiledPolicy>>();

  constructor(private readonly gateways: AccessGateway[]) {
    this.shapes = shapesOf(gateways);
  }

  /** The engine's Cedar schema, for Cedar's checks of witnesses: built once, so Cedar prepares it once, and only
   * when a witness is checked (findings never check one). */
  get schema(): Record<string, unknown> {
    return (this.builtSchema ??= buildCedarSchema(this.gateways));
  }

  compile(parsedPolicy: Parsed, shape: RequestShape): CompiledPolicy {
    let byShape = this.compiled.get(parsedPolicy.key);
    if (!byShape) this.compiled.set(parsedPolicy.key, (byShape = new Map()));
    let compiled = byShape.get(shape);
    if (!compiled) byShape.set(shape, (compiled = compilePolicy(parsedPolicy.est, parsedPolicy.key, shape)));
    return compiled;
  }

  /** The policy compiled for the shape, when its scope can match the shape's requests. */
  covering(parsedPolicy: Parsed, shape: RequestShape): CompiledPolicy | undefined {
    const { action, resource } = parsedPolicy.only;
    if ((action ?? shape.action) !== shape.action || (resource ?? shape.gateway.arn) !== shape.gateway.arn) return undefined;
    const compiled = this.compile(parsedPolicy, shape);
    return compiled.covers ? compiled : undefined;
  }

  side(policies: AccessPolicy[], shape: RequestShape): Side {
    const side: Side = { policies: [], compiled: [], broken: [], names: new Map() };
    for (const policy of policies) {
      if (!policy.active) continue;
      const p = policy.unreadable ? { error: 'not Cedar' } : parseStatement(policy.statement);
      if ('error' in p) {
        side.broken.push(policy.id);
        continue;
      }
      const compiled = this.covering(p, shape);
      if (!compiled) continue;
      side.policies.push(policy);
      const never = compiled.formula.k === 'const' && compiled.formula.o !== 'T';
      if (never || side.names.has(compiled)) continue;
      side.compiled.push(compiled);
      side.names.set(compiled, policy.id);
    }
    return side;
  }
}

/** The shapes that a policy in one set and not the other can apply to: on every other shape both sets hold the same
 * policies, so they decide alike. Undefined when such a policy does not parse (which shapes it could apply to is
 * unknown). A set that is mostly unchanged (a plan over 1,000 policies changing a few) is not even parsed. */
export function shapesChanged(analysis: Analysis, before: AccessPolicy[], after: AccessPolicy[]): Set<RequestShape> | undefined {
  const key = (p: AccessPolicy) => `${p.active}\u0000${p.id}\u0000${p.statement}`;
  const count = new Map<string, number>();
  for (const p of before) count.set(key(p), (count.get(key(p)) ?? 0) + 1);
  for (const p of after) count.set(key(p), (count.get(key(p)) ?? 0) - 1);
  const changed = [...before, ...after].filter((p) => p.active && count.get(key(p)) !== 0);
  const shapes = new Set<RequestShape>();
  for (const policy of changed) {
    const parsedPolicy = parseStatement(policy.statement);
    if ('error' in parsedPolicy) return undefined;
    for (const shape of analysis.shapes) if (analysis.covering(parsedPolicy, shape)) shapes.add(shape);
  }
  return shapes;
}

/** Same compiled policies on both sides: the same requests are allowed, no search needed. */
export function sameSides(a: Side, b: Side): boolean {
  const keys = (s: Side) => new Set(s.compiled.map((c) => c.key));
  const [x, y] = [keys(a), keys(b)];
  return x.size === y.size && [...x].every((k) => y.has(k));
}
