// The emulator's state: plain JSON-serialisable records, one partition per region (taken from each request's SigV4
// scope, as moto does), so the whole state can be written to a file and read back unchanged. Records keep their
// own ARNs, so seeded gateways keep exactly the account and region of the ARN they were given. Every map keyed by
// what a request names (a region, an id) has no prototype, so `constructor` or `__proto__` is a key like any other.
import type { Resource } from './lifecycle.js';

export interface EngineAttrs {
  description?: string;
  encryptionKeyArn?: string;
  tags?: Record<string, string>;
}

export interface PolicyAttrs {
  definition: Record<string, unknown>;
  description?: string;
  enforcementMode: string;
}

export interface PolicyEngineConfiguration {
  arn: string;
  mode: string;
}

/** Everything UpdateGateway replaces; `name` lives on the record. */
export interface GatewayAttrs {
  roleArn: string;
  authorizerType: string;
  description?: string;
  protocolType?: string;
  protocolConfiguration?: unknown;
  authorizerConfiguration?: unknown;
  kmsKeyArn?: string;
  customTransformConfiguration?: unknown;
  interceptorConfigurations?: unknown;
  policyEngineConfiguration?: PolicyEngineConfiguration;
  exceptionLevel?: string;
  wafConfiguration?: unknown;
  tags?: Record<string, string>;
}

export interface TargetAttrs {
  description?: string;
  targetConfiguration: Record<string, unknown>;
  credentialProviderConfigurations: unknown[];
  metadataConfiguration?: unknown;
  privateEndpoint?: unknown;
  /** Local only, from an engine file's `local: {url}`: where the local gateway sends allowed calls. Never shown by
   * the control plane. */
  local?: { url: string };
}

/** One generated policy, as ListPolicyGenerationAssets shows it (without `seq`). */
export interface GenerationAsset {
  /** Orders the assets and their pages. */
  seq: number;
  policyGenerationAssetId: string;
  rawTextFragment: string;
  findings: { type: string; description: string }[];
  /** Absent when the fragment could not be translated. */
  definition?: { cedar: { statement: string } };
}

export interface GenerationAttrs {
  resource: { arn: string };
  /** Made when the generation starts, listed once it is GENERATED. */
  assets?: GenerationAsset[];
}

export type Engine = Resource<EngineAttrs>;
export type Policy = Resource<PolicyAttrs>;
export type Gateway = Resource<GatewayAttrs>;
export type Target = Resource<TargetAttrs>;
export type Generation = Resource<GenerationAttrs>;

export interface IdempotencyRecord {
  /** Fingerprint of the request that first used the token. */
  hash: string;
  /** Id of the resource it created. */
  id: string;
}

export interface Partition {
  engines: Record<string, Engine>;
  /** Policies by engine id, then policy id. */
  policies: Record<string, Record<string, Policy>>;
  gateways: Record<string, Gateway>;
  /** Targets by gateway id, then target id. */
  targets: Record<string, Record<string, Target>>;
  /** Generations by engine id, then generation id. */
  generations: Record<string, Record<string, Generation>>;
  /** clientToken records by `<operation>/<scope>/<token>`. */
  tokens: Record<string, IdempotencyRecord>;
}

export interface State {
  version: 1;
  /** Last creation sequence number handed out; orders lists and pages. */
  seq: number;
  regions: Record<string, Partition>;
}

/** An empty map with no prototype: a lookup finds only what was put in. */
export function keyedMap<T>(entries: Record<string, T> = {}): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}

export function emptyState(): State {
  return { version: 1, seq: 0, regions: keyedMap() };
}

function emptyPartition(): Partition {
  return { engines: keyedMap(), policies: keyedMap(), gateways: keyedMap(), targets: keyedMap(), generations: keyedMap(), tokens: keyedMap() };
}

const nested = <T>(map: Record<string, Record<string, T>> = {}) => keyedMap(Object.fromEntries(Object.entries(map).map(([key, inner]) => [key, keyedMap(inner)])));

/** A state read from JSON with its maps made prototype-free, as the store's own are; a map a state file written
 * before it existed lacks (generations) starts empty. */
export function keyedState(state: State): State {
  const regions = Object.entries(state.regions).map(([region, part]): [string, Partition] => [
    region,
    {
      engines: keyedMap(part.engines),
      policies: nested(part.policies),
      gateways: keyedMap(part.gateways),
      targets: nested(part.targets),
      generations: nested(part.generations),
      tokens: keyedMap(part.tokens),
    },
  ]);
  return { version: 1, seq: state.seq, regions: keyedMap(Object.fromEntries(regions)) };
}

export class Store {
  readonly state: State;
  /** Counts the writes to the state (not itself stored): what was derived from the state at one revision (the
   * data plane's prepared policies) holds until the next, or until a transition in flight ends. */
  revision = 0;

  constructor(state: State = emptyState()) {
    this.state = keyedState(state);
  }

  partition(region: string): Partition {
    return (this.state.regions[region] ??= emptyPartition());
  }

  nextSeq(): number {
    return ++this.state.seq;
  }
}

/** The nested map under `key`, created on first use. */
export function childMap<T>(parent: Record<string, Record<string, T>>, key: string): Record<string, T> {
  return (parent[key] ??= keyedMap());
}
