// Seeding: puts gateways and their targets (with inline tool schemas) straight into the store, under exactly the
// ARN an engine file names, so the engine file and the local engine agree. Seeding never attaches an engine (that
// is apply's job) and is repeatable: re-seeding a gateway replaces its targets and keeps everything else, its
// policyEngineConfiguration included. Seeded resources are READY at once.
//
// A target already there whose tools are the file's (an OpenAPI or Smithy target the engine file was pulled from,
// say) keeps its configuration: re-seeding writes the file's tools as a Lambda target only when they differ.
//
// A seeded CUSTOM_JWT gateway trusts the local issuer (gateway/issuer.ts), so tokens from `agentcore-policy token`
// call it; a target's `local: {url}` is kept for the data plane (the control plane never shows it).
//
// Guesses: the role ARN of a seeded gateway is a placeholder; a target without a Lambda ARN gets one named after the
// target; a tool without a description is described by its name (the model requires one).
import type { GatewaySpec, TargetSpec, ToolSpec } from '../model.js';
import { parseGatewayArn, type Scope } from '../arn.js';
import { LOCAL_AUDIENCE, LOCAL_CLIENT_ID, LOCAL_DISCOVERY_URL } from './gateway/addresses.js';
import { inlineTools } from './engine-schema.js';
import { stableTargetId } from './ids.js';
import { liveResource, type Lifecycle } from './lifecycle.js';
import { childMap, type Gateway, type GatewayAttrs, type Store, type Target } from './store.js';
import { DEFAULT_CREDENTIALS } from './ops/target-config.js';

export interface SeedProblem {
  code: 'InvalidGatewayArn';
  message: string;
  arn: string;
}

/** The account of the first valid gateway ARN, so engines created next to seeded gateways share their account. */
export function accountOf(gateways: readonly GatewaySpec[]): string | undefined {
  for (const gateway of gateways) {
    const parsed = parseGatewayArn(gateway.arn);
    if (parsed) return parsed.accountId;
  }
  return undefined;
}

/** A lifecycle that completed long ago: the resource reads as READY. */
const SETTLED: Lifecycle = { kind: 'create', startedAt: 0, readyAt: 0 };

export function seedGateways(store: Store, gateways: readonly GatewaySpec[], now: number): SeedProblem[] {
  const problems: SeedProblem[] = [];
  for (const spec of gateways) {
    const parsed = parseGatewayArn(spec.arn);
    if (!parsed) {
      problems.push({ code: 'InvalidGatewayArn', message: `${spec.arn} is not a gateway ARN (arn:aws:bedrock-agentcore:<region>:<account>:gateway/<id>)`, arn: spec.arn });
      continue;
    }
    seedGateway(store, spec, parsed, now);
  }
  return problems;
}

function seedGateway(store: Store, spec: GatewaySpec, where: Scope & { gatewayId: string }, now: number): void {
  const part = store.partition(where.region);
  const existing = liveResource(part.gateways, where.gatewayId, now);
  const auth = authorizer(spec);
  if (existing) {
    const { authorizerConfiguration: _old, ...rest } = existing.attrs;
    existing.attrs = { ...rest, ...auth };
    existing.updatedAt = now;
  } else {
    const gateway: Gateway = {
      seq: store.nextSeq(),
      id: where.gatewayId,
      arn: spec.arn,
      name: where.gatewayId.replace(/-[0-9a-z]{10}$/, ''),
      createdAt: now,
      updatedAt: now,
      life: SETTLED,
      attrs: { roleArn: `arn:aws:iam::${where.accountId}:role/AgentCoreGatewayRole`, protocolType: 'MCP', ...auth },
    };
    part.gateways[gateway.id] = gateway;
  }
  const targets = childMap(part.targets, where.gatewayId);
  const wanted = new Map(spec.targets.map((t) => [stableTargetId(where.gatewayId, t.name), t]));
  for (const id of Object.keys(targets)) if (!wanted.has(id)) delete targets[id];
  for (const [id, target] of wanted) {
    const kept = targets[id];
    targets[id] = {
      seq: kept?.seq ?? store.nextSeq(),
      id,
      arn: `${spec.arn}/target/${id}`,
      name: target.name,
      createdAt: kept?.createdAt ?? now,
      updatedAt: now,
      life: SETTLED,
      attrs: kept && !isLambda(kept) && sameTools(inlineTools(kept), target) ? keptAttrs(kept, target) : targetAttrs(target, where),
    } satisfies Target;
  }
}

function authorizer(spec: GatewaySpec): Pick<GatewayAttrs, 'authorizerType' | 'authorizerConfiguration'> {
  if (spec.authorizerType === 'AWS_IAM') return { authorizerType: 'AWS_IAM' };
  return {
    authorizerType: 'CUSTOM_JWT',
    authorizerConfiguration: {
      customJWTAuthorizer: { discoveryUrl: LOCAL_DISCOVERY_URL, allowedAudience: [LOCAL_AUDIENCE], allowedClients: [LOCAL_CLIENT_ID] },
    },
  };
}

/** Whether a stored target's tools are the file's: names and input schemas, and descriptions the file gives. */
function sameTools(tools: readonly ToolSpec[], target: TargetSpec): boolean {
  if (tools.length !== target.tools.length) return false;
  return target.tools.every((wanted, i) => {
    const found = tools[i]!;
    return found.name === wanted.name && canonical(found.inputSchema) === canonical(wanted.inputSchema) && (wanted.description === undefined || wanted.description === found.description);
  });
}

function isLambda(target: Target): boolean {
  const mcp = target.attrs.targetConfiguration.mcp;
  return typeof mcp === 'object' && mcp !== null && 'lambda' in mcp;
}

function keptAttrs(kept: Target, target: TargetSpec): Target['attrs'] {
  const { description: _old, local: _local, ...rest } = kept.attrs;
  return { ...rest, ...(target.description !== undefined && { description: target.description }), ...(target.local !== undefined && { local: { url: target.local.url } }) };
}

const canonical = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));

function targetAttrs(target: TargetSpec, where: Scope): Target['attrs'] {
  const lambdaArn = target.lambdaArn ?? `arn:aws:lambda:${where.region}:${where.accountId}:function:${target.name}`;
  const inlinePayload = target.tools.map((tool) => ({ name: tool.name, description: tool.description ?? tool.name, inputSchema: tool.inputSchema }));
  return {
    ...(target.description !== undefined ? { description: target.description } : {}),
    targetConfiguration: { mcp: { lambda: { lambdaArn, toolSchema: { inlinePayload } } } },
    credentialProviderConfigurations: DEFAULT_CREDENTIALS,
    ...(target.local !== undefined ? { local: { url: target.local.url } } : {}),
  };
}
