// Renders stored records as the response shapes of the model, with RFC 3339 timestamps (the SDK rejects numbers).
// Summary shapes are projections of the full ones, so the two never drift apart.
import { localGatewayUrl } from './gateway/addresses.js';
import { defined } from './operation.js';
import { GATEWAY_STATUSES, GENERATION_STATUSES, POLICY_STATUSES, statusOf, statusReasonsOf, type Resource } from './lifecycle.js';
import type { Engine, Gateway, Generation, GenerationAsset, Policy, Target } from './store.js';

export const iso = (ms: number) => new Date(ms).toISOString();

function omit<T extends Record<string, unknown>>(value: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([k]) => !keys.includes(k))) as Partial<T>;
}

const common = (r: Resource<unknown>, statuses: typeof POLICY_STATUSES, now: number) => ({
  createdAt: iso(r.createdAt),
  updatedAt: iso(r.updatedAt),
  status: statusOf(statuses, r.life, now),
  statusReasons: statusReasonsOf(r.life, now),
});

export function engineView(e: Engine, now: number) {
  return defined({
    policyEngineId: e.id,
    name: e.name,
    description: e.attrs.description,
    policyEngineArn: e.arn,
    encryptionKeyArn: e.attrs.encryptionKeyArn,
    ...common(e, POLICY_STATUSES, now),
  });
}

export const engineSummary = (e: Engine, now: number) => omit(engineView(e, now), ['description', 'statusReasons']);

export function policyView(p: Policy, engineId: string, now: number) {
  return defined({
    policyId: p.id,
    name: p.name,
    policyEngineId: engineId,
    definition: p.attrs.definition,
    description: p.attrs.description,
    policyArn: p.arn,
    enforcementMode: p.attrs.enforcementMode,
    ...common(p, POLICY_STATUSES, now),
  });
}

export const policySummary = (p: Policy, engineId: string, now: number) =>
  omit(policyView(p, engineId, now), ['definition', 'description', 'statusReasons']);

/** `baseUrl` is the emulator's own URL: each gateway's MCP endpoint is served by the emulator itself. */
export function gatewayView(g: Gateway, now: number, baseUrl: string) {
  const { tags: _tags, ...config } = g.attrs;
  return defined({
    gatewayArn: g.arn,
    gatewayId: g.id,
    gatewayUrl: localGatewayUrl(baseUrl, g.id),
    name: g.name,
    ...config,
    ...common(g, GATEWAY_STATUSES, now),
  });
}

export function gatewaySummary(g: Gateway, now: number) {
  const view = gatewayView(g, now, '');
  return defined({
    gatewayId: view.gatewayId,
    name: view.name,
    status: view.status,
    description: view.description,
    createdAt: view.createdAt,
    updatedAt: view.updatedAt,
    authorizerType: view.authorizerType,
    protocolType: view.protocolType,
  });
}

export function targetView(t: Target, gatewayArn: string, now: number) {
  const { local: _local, ...attrs } = t.attrs;
  return defined({ gatewayArn, targetId: t.id, name: t.name, ...attrs, ...common(t, GATEWAY_STATUSES, now) });
}

export function targetSummary(t: Target, now: number) {
  return defined({
    targetId: t.id,
    name: t.name,
    status: statusOf(GATEWAY_STATUSES, t.life, now),
    description: t.attrs.description,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    targetType: targetTypeOf(t.attrs.targetConfiguration),
  });
}

const TARGET_TYPES: Record<string, string> = {
  lambda: 'LAMBDA',
  openApiSchema: 'OPEN_API_SCHEMA',
  smithyModel: 'SMITHY_MODEL',
  mcpServer: 'MCP_SERVER',
  apiGateway: 'API_GATEWAY',
  connector: 'CONNECTOR',
};

/** The TargetType the summary reports, read off the configuration union. */
export function targetTypeOf(configuration: Record<string, unknown>): string | undefined {
  const [kind, member] = Object.entries(configuration)[0] ?? [];
  const inner = member && typeof member === 'object' ? Object.keys(member)[0] : undefined;
  if (kind === 'mcp' && inner) return TARGET_TYPES[inner];
  if (kind === 'http') return inner === 'agentcoreRuntime' ? 'AGENTCORE_RUNTIME' : inner === 'passthrough' ? 'PASSTHROUGH' : 'HTTP_CONNECTOR';
  if (kind === 'inference') return inner === 'provider' ? 'PROVIDER' : 'CONNECTOR';
  return undefined;
}

export function generationView(g: Generation, engineId: string, now: number) {
  return {
    policyEngineId: engineId,
    policyGenerationId: g.id,
    name: g.name,
    policyGenerationArn: g.arn,
    resource: g.attrs.resource,
    ...common(g, GENERATION_STATUSES, now),
  };
}

export const generationSummary = (g: Generation, engineId: string, now: number) =>
  omit(generationView(g, engineId, now), ['statusReasons']);

export function assetView(asset: GenerationAsset) {
  const { seq: _seq, ...view } = asset;
  return view;
}
