// What a gateway is at this moment, read from the store for the data plane: its tools (`Target___tool`, with a
// compiled validator of each input schema) and how its engine is attached, with that engine's policies prepared.
// Derived once per version of the store and reused until the next write, or until a transition in flight ends
// (statuses change with the clock, not with writes), so a call costs a lookup, not a rebuild.
import { Ajv, type ValidateFunction } from 'ajv';
import { actionName, buildCedarSchema } from '../../cedar/schema.js';
import type { InputSchema } from '../../model.js';
import { attachedGateways, inlineTools } from '../engine-schema.js';
import { GATEWAY_STATUSES, inFlight, liveResource, liveResources, statusOf, type Resource } from '../lifecycle.js';
import type { Gateway, Partition, Store } from '../store.js';
import { livePolicies, PreparedEngine } from './policy-set.js';

export interface GatewayTool {
  /** The wire name, `<Target>___<tool>`: also the Cedar action id. */
  name: string;
  description: string;
  inputSchema: InputSchema;
  targetName: string;
  localUrl?: string;
  validate: ValidateFunction;
}

export type Enforcement = { mode: 'ENFORCE' | 'LOG_ONLY'; engine: PreparedEngine } | { mode: 'ENFORCE' | 'LOG_ONLY'; engineArn: string; error: string };

export interface GatewaySnapshot {
  gateway: Gateway;
  /** Set when the gateway does not serve calls (CREATING, FAILED, DELETING). */
  unavailable?: string;
  tools: Map<string, GatewayTool>;
  /** Undefined when no engine is attached: every call is allowed. */
  enforcement?: Enforcement;
}

const SERVING = new Set(['READY', 'UPDATING', 'UPDATE_UNSUCCESSFUL']);
const ENGINE_ARN = /^arn:aws(?:-[^:]+)?:bedrock-agentcore:([a-z0-9-]+):[0-9]{12}:policy-engine\/([A-Za-z][A-Za-z0-9_]*-[a-z0-9_]{10})$/;

interface Cached<T> {
  revision: number;
  validUntil: number;
  value: T;
}

/** Numbers the Snapshots of this process: each names its own cedar-wasm slots, so two emulators holding one engine
 * (a restart on the same state file while a call is still served) never evaluate each other's sets. */
let instances = 0;

export class Snapshots {
  private readonly gateways = new Map<string, Cached<GatewaySnapshot>>();
  /** One prepared engine per engine ARN, shared by the gateways attached to it: it owns its cedar-wasm slots. */
  private readonly engines = new Map<string, Cached<PreparedEngine>>();
  private readonly validators = new WeakMap<object, ValidateFunction>();
  private readonly ajv = new Ajv({ allErrors: true, strict: false });
  private readonly instance = ++instances;

  constructor(private readonly store: Store) {}

  /** The gateway with this id in any region, or undefined. */
  get(gatewayId: string, now: number): GatewaySnapshot | undefined {
    // Only gateways that exist are kept, so calls to made-up ids cannot grow the cache.
    return this.cached(this.gateways, gatewayId, now, () => this.build(gatewayId, now));
  }

  private cached<T>(cache: Map<string, Cached<T>>, key: string, now: number, build: () => T | undefined): T | undefined {
    const hit = cache.get(key);
    if (hit && hit.revision === this.store.revision && now < hit.validUntil) return hit.value;
    const value = build();
    if (value !== undefined) cache.set(key, { revision: this.store.revision, validUntil: nextTransitionEnd(this.store, now), value });
    return value;
  }

  private build(gatewayId: string, now: number): GatewaySnapshot | undefined {
    for (const part of Object.values(this.store.state.regions)) {
      const gateway = liveResource(part.gateways, gatewayId, now);
      if (!gateway) continue;
      const status = statusOf(GATEWAY_STATUSES, gateway.life, now);
      return {
        gateway,
        unavailable: SERVING.has(status) ? undefined : status,
        tools: this.tools(part, gateway, now),
        enforcement: this.enforcement(gateway, now),
      };
    }
    return undefined;
  }

  private tools(part: Partition, gateway: Gateway, now: number): Map<string, GatewayTool> {
    const tools = new Map<string, GatewayTool>();
    for (const target of liveResources(part.targets[gateway.id] ?? {}, now)) {
      if (!SERVING.has(statusOf(GATEWAY_STATUSES, target.life, now))) continue;
      for (const tool of inlineTools(target)) {
        const name = actionName(target.name, tool.name);
        const description = tool.description ?? tool.name;
        tools.set(name, { name, description, inputSchema: tool.inputSchema, targetName: target.name, localUrl: target.attrs.local?.url, validate: this.validator(tool.inputSchema) });
      }
    }
    return tools;
  }

  private validator(schema: InputSchema): ValidateFunction {
    let validate = this.validators.get(schema);
    if (!validate) {
      try {
        validate = this.ajv.compile(schema);
      } catch (error) {
        const refuse = (() => false) as unknown as ValidateFunction;
        refuse.errors = [{ instancePath: '', schemaPath: '', keyword: 'schema', params: {}, message: `the tool's input schema does not compile: ${(error as Error).message}` }];
        validate = refuse;
      }
      this.validators.set(schema, validate);
    }
    return validate;
  }

  private enforcement(gateway: Gateway, now: number): Enforcement | undefined {
    const configuration = gateway.attrs.policyEngineConfiguration;
    if (!configuration) return undefined;
    const mode = configuration.mode === 'LOG_ONLY' ? 'LOG_ONLY' : 'ENFORCE';
    const [, region, engineId] = ENGINE_ARN.exec(configuration.arn) ?? [];
    const part = region === undefined ? undefined : this.store.state.regions[region];
    const engine = part && engineId ? liveResource(part.engines, engineId, now) : undefined;
    if (!part || !engine) return { mode, engineArn: configuration.arn, error: `the attached policy engine ${configuration.arn} does not exist` };
    const prepared = this.cached(this.engines, engine.arn, now, () => {
      const policies = livePolicies(liveResources(part.policies[engine.id] ?? {}, now), now);
      const schema = buildCedarSchema(attachedGateways({ part, now }, engine));
      return new PreparedEngine(engine.arn, policies, schema, `gateway-${this.instance}:${engine.arn}`);
    })!;
    return { mode, engine: prepared };
  }
}

/** When the first transition now in flight anywhere in the store ends (a status, and so a snapshot, changes). */
function nextTransitionEnd(store: Store, now: number): number {
  let end = Infinity;
  const visit = (resources: Record<string, Resource<unknown>>) => {
    for (const r of Object.values(resources)) if (inFlight(r.life, now)) end = Math.min(end, Math.max(r.life.readyAt, r.life.startedAt + 1));
  };
  for (const part of Object.values(store.state.regions)) {
    visit(part.engines);
    visit(part.gateways);
    for (const map of [part.policies, part.targets]) for (const inner of Object.values(map)) visit(inner);
  }
  return end;
}
