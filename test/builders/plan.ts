// Small in-memory builders for plan tests: desired engines, live states as the service would hold them after an
// apply, and a stand-in for Cedar's formatter (whitespace-insensitive), so plan tests need neither wasm nor files.
import { readPolicyShape, tokenize } from '../../src/cedar/tokens.js';
import type {
  DesiredEngine,
  DesiredPolicy,
  EngineSpec,
  GatewayMode,
  GatewaySpec,
  LiveEngine,
  LiveGateway,
  LivePolicy,
  LiveState,
  PolicySpec,
} from '../../src/model.js';
import { encodeDescription, sourceHash, statementHash, type ManagedMarker } from '../../src/plan/ownership.js';
import { variableNames } from '../../src/repository/variables.js';
import type { PlanOptions } from '../../src/plan/types.js';

/** Tokens joined by single spaces (layout and comments vanish); undefined for text that is not one Cedar policy. */
export function normalize(statement: string): string | undefined {
  return readPolicyShape(statement) ? tokenize(statement).map((t) => t.text).join(' ') : undefined;
}

export const options: PlanOptions = { normalize };

export const permit = (tool: string, extra = '') =>
  `permit (principal, action == AgentCore::Action::"T___${tool}", resource)${extra};`;
export const forbid = (tool: string, extra = '') =>
  `forbid (principal, action == AgentCore::Action::"T___${tool}", resource)${extra};`;

export const ENGINE_ARN = 'arn:aws:bedrock-agentcore:us-west-2:123456789012:policy-engine/Main-abcdefghij';
export const gatewayArn = (n: number) => `arn:aws:bedrock-agentcore:us-west-2:123456789012:gateway/gw${n}-abcdefghij`;

export function spec(name: string, overrides: Partial<PolicySpec> = {}): PolicySpec {
  const group = overrides.group ?? 'business_rules';
  return {
    name,
    group,
    file: `policies/${group}/${name.toLowerCase()}.cedar`,
    declaredAt: { file: `policies/${group}/policies.yaml`, line: 2, column: 5 },
    version: '1.0.0',
    description: `${name} description`,
    enabled: true,
    enforcementMode: 'ACTIVE',
    validationMode: 'FAIL_ON_ANY_FINDINGS',
    source: '',
    ...overrides,
  };
}

export function desired(name: string, statement: string, overrides: Partial<PolicySpec> = {}): DesiredPolicy {
  const normal = normalize(statement) ?? statement;
  const policy = spec(name, { source: statement, ...overrides });
  const variables = variableNames(policy.source);
  return { spec: policy, statement: normal, effect: readPolicyShape(normal)?.effect ?? 'permit', variables };
}

export function gateway(n: number, mode: GatewayMode = 'ENFORCE'): GatewaySpec {
  return { arn: gatewayArn(n), mode, authorizerType: 'CUSTOM_JWT', targets: [] };
}

export function engine(
  parts: { policies?: DesiredPolicy[]; disabled?: PolicySpec[]; gateways?: GatewaySpec[] } = {},
  overrides: Partial<EngineSpec> = {},
): DesiredEngine {
  const spec: EngineSpec = {
    file: 'engines/main.yaml',
    name: 'Main',
    region: 'us-west-2',
    groups: ['authentication', 'authorization', 'business_rules', 'emergency'],
    prune: false,
    variables: {},
    gateways: parts.gateways ?? [],
    ...overrides,
  };
  return { engine: spec, policies: parts.policies ?? [], disabled: parts.disabled ?? [] };
}

export function liveEngine(overrides: Partial<LiveEngine> = {}): LiveEngine {
  return { policyEngineId: 'Main-abcdefghij', arn: ENGINE_ARN, name: 'Main', status: 'ACTIVE', ...overrides };
}

/** A live policy exactly as apply leaves it for `policy`, then `overrides` (e.g. a console edit); pass
 * `{sourceHash: undefined}` as `marker` for a marker written before source hashes were recorded. */
export function applied(policy: DesiredPolicy, overrides: Partial<LivePolicy> = {}, marker: Partial<ManagedMarker> = {}): LivePolicy {
  const { spec: s, statement } = policy;
  const full: ManagedMarker = { version: s.version, group: s.group, validationMode: s.validationMode, statementHash: statementHash(statement), sourceHash: sourceHash(s.source), ...marker };
  return {
    policyId: `${s.name}-0123456789`,
    name: s.name,
    description: encodeDescription(s.description, full),
    statement,
    enforcementMode: s.enforcementMode,
    status: 'ACTIVE',
    statusReasons: [],
    ...overrides,
  };
}

/** A live policy made by hand, without our marker. */
export function unmanaged(name: string, statement: string, overrides: Partial<LivePolicy> = {}): LivePolicy {
  return { policyId: `${name}-9876543210`, name, description: 'made in the console', statement, enforcementMode: 'ACTIVE', status: 'ACTIVE', statusReasons: [], ...overrides };
}

export function liveGateway(n: number, attachment?: { arn: string; mode: GatewayMode }): LiveGateway {
  return { arn: gatewayArn(n), gatewayId: `gw${n}-abcdefghij`, name: `gw${n}`, ...(attachment && { policyEngine: attachment }), targets: [] };
}

export function live(parts: Partial<LiveState> & { withEngine?: boolean } = {}): LiveState {
  const { withEngine = true, ...rest } = parts;
  return { ...(withEngine && { engine: liveEngine() }), policies: [], gateways: [], ...rest };
}
