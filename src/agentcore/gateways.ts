// Gateways as the engine file sees them: read by ARN (GetGateway; targets via ListGatewayTargets and
// GetGatewayTarget, the only read that carries inline tool schemas, their tools read by src/tool-schemas/), found
// by the engine they are attached to (ListGateways, then GetGateway: the summaries do not say), attached to an
// engine or detached by read-modify-write of the whole gateway (UpdateGateway is a full replacement), and polled
// until READY (the SDK has no gateway waiter).
import {
  GetGatewayCommand,
  GetGatewayTargetCommand,
  paginateListGateways,
  paginateListGatewayTargets,
  UpdateGatewayCommand,
  type BedrockAgentCoreControlClient,
  type GetGatewayCommandOutput,
  type GetGatewayTargetCommandOutput,
  type UpdateGatewayCommandInput,
  type UpdateGatewayCommandOutput,
} from '@aws-sdk/client-bedrock-agentcore-control';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseGatewayArn } from '../arn.js';
import type { EngineSpec, GatewayMode, LiveGateway, LiveTarget } from '../model.js';
import { toolsOfDocument, toolsOfTarget, type DerivedTools } from '../tool-schemas/index.js';
import { AgentCoreError, call } from './errors.js';
import type { SchemaReader } from './s3-schemas.js';
import type { WaitOptions } from './wait.js';

function gatewayIdOf(arn: string, engine?: Pick<EngineSpec, 'file' | 'region'>): string {
  const parsed = parseGatewayArn(arn);
  if (!parsed) throw new AgentCoreError('GatewayNotFound', `${engine ? `${engine.file}: ` : ''}${arn} is not a gateway ARN.`, { arn });
  return parsed.gatewayId;
}

async function getGateway(client: BedrockAgentCoreControlClient, arn: string, engine?: Pick<EngineSpec, 'file' | 'region'>): Promise<GetGatewayCommandOutput> {
  const gatewayIdentifier = gatewayIdOf(arn, engine);
  try {
    return await call('GetGateway', () => client.send(new GetGatewayCommand({ gatewayIdentifier })));
  } catch (error) {
    if (!(error instanceof AgentCoreError) || error.code !== 'GatewayNotFound') throw error;
    const region = parseGatewayArn(arn)!.region;
    const hint = engine && region !== engine.region ? ` The gateway's region (${region}) differs from the engine's (${engine.region}).` : '';
    const where = engine ? `${engine.file} names gateway ${arn}, which does not exist.` : `Gateway ${arn} does not exist.`;
    throw new AgentCoreError('GatewayNotFound', `${where}${hint} Check the ARN, region and account.`, { arn, operation: 'GetGateway', cause: error.details.cause });
  }
}

/** A target in the engine file's shape. Tools come from its inline schema (Lambda tool definitions, an OpenAPI or
 * Smithy document); when they cannot be read (a schema in S3 without `s3`, an MCP server), `toolsUnknown` says why. */
export async function toTargetSpec(target: GetGatewayTargetCommandOutput, s3?: SchemaReader): Promise<LiveTarget> {
  const lambda = target.targetConfiguration?.mcp?.lambda;
  const derived = await fromS3(toolsOfTarget(target.targetConfiguration), s3);
  return {
    name: target.name!,
    ...(target.description !== undefined ? { description: target.description } : {}),
    ...(lambda?.lambdaArn !== undefined ? { lambdaArn: lambda.lambdaArn } : {}),
    tools: derived.ok ? derived.tools : [],
    ...(!derived.ok && { toolsUnknown: derived.reason }),
  };
}

/** A schema kept in S3, read when there is a reader (an engine on AWS) and otherwise said to be out of reach. */
async function fromS3(derived: DerivedTools, s3: SchemaReader | undefined): Promise<DerivedTools> {
  if (derived.ok || !derived.s3) return derived;
  if (!s3) return { ok: false, reason: `${derived.reason}, which is read only for an engine on AWS (the local engine has no S3)` };
  const text = await s3.read(derived.s3);
  if (!text.ok) return { ok: false, reason: `${derived.reason}, which could not be read: ${text.problem}` };
  const read = toolsOfDocument(derived.s3.kind, text.text);
  return read.ok ? read : { ok: false, reason: `${derived.reason}: ${read.reason}` };
}

/** `s3`: reads tool schemas kept in S3 (pull does; a plan does not, so the plan role needs no S3 access). */
export async function readGateway(
  client: BedrockAgentCoreControlClient,
  arn: string,
  engine?: Pick<EngineSpec, 'file' | 'region'>,
  s3?: SchemaReader,
): Promise<LiveGateway> {
  const gateway = await getGateway(client, arn, engine);
  const gatewayIdentifier = gateway.gatewayId!;
  const targetIds = await call('ListGatewayTargets', async () => {
    const ids: string[] = [];
    for await (const page of paginateListGatewayTargets({ client, pageSize: 100 }, { gatewayIdentifier })) {
      for (const target of page.items ?? []) ids.push(target.targetId!);
    }
    return ids;
  });
  const targets = await Promise.all(
    targetIds.map((targetId) => call('GetGatewayTarget', () => client.send(new GetGatewayTargetCommand({ gatewayIdentifier, targetId })))),
  );
  return { ...liveGateway(gateway), targets: await Promise.all(targets.map((target) => toTargetSpec(target, s3))) };
}

function liveGateway(gateway: GetGatewayCommandOutput): LiveGateway {
  const attached = gateway.policyEngineConfiguration;
  return {
    arn: gateway.gatewayArn!,
    gatewayId: gateway.gatewayId!,
    name: gateway.name!,
    ...(attached ? { policyEngine: { arn: attached.arn!, mode: attached.mode as GatewayMode } } : {}),
    // Principals are IAM entities only behind AWS_IAM; every other authorizer gives OAuth users.
    authorizerType: gateway.authorizerType === 'AWS_IAM' ? 'AWS_IAM' : 'CUSTOM_JWT',
    targets: [],
  };
}

/** Every gateway of the region attached to the engine `engineArn` but not among `declared` (ARNs), without its
 * targets: ListGateways does not say which engine a gateway has, so each other gateway is read with GetGateway. */
export async function findAttachedGateways(client: BedrockAgentCoreControlClient, engineArn: string, declared: ReadonlySet<string>): Promise<LiveGateway[]> {
  const ids = await call('ListGateways', async () => {
    const found: string[] = [];
    for await (const page of paginateListGateways({ client, pageSize: 100 }, {})) for (const item of page.items ?? []) found.push(item.gatewayId!);
    return found;
  });
  const declaredIds = new Set([...declared].map((arn) => parseGatewayArn(arn)?.gatewayId));
  const others = await Promise.all(
    ids.filter((id) => !declaredIds.has(id)).map((gatewayIdentifier) => call('GetGateway', () => client.send(new GetGatewayCommand({ gatewayIdentifier })))),
  );
  return others.filter((g) => g.policyEngineConfiguration?.arn === engineArn).map(liveGateway);
}

/** The gateway's MCP endpoint, as GetGateway gives it (`gatewayUrl`). */
export async function readGatewayUrl(client: BedrockAgentCoreControlClient, arn: string, engine?: Pick<EngineSpec, 'file' | 'region'>): Promise<string | undefined> {
  return (await getGateway(client, arn, engine)).gatewayUrl;
}

/** The UpdateGateway request that rewrites `gateway` exactly as it is, with another engine configuration. Every
 * member of the request is listed, so a member added to the model fails to compile here rather than being
 * silently dropped by the PUT. */
export function gatewayReplacement(
  gateway: GetGatewayCommandOutput,
  policyEngineConfiguration: UpdateGatewayCommandInput['policyEngineConfiguration'],
): UpdateGatewayCommandInput {
  // Undefined members are left out of the body by the SDK.
  const request: { [K in keyof Required<UpdateGatewayCommandInput>]: UpdateGatewayCommandInput[K] } = {
    gatewayIdentifier: gateway.gatewayId,
    name: gateway.name,
    description: gateway.description,
    roleArn: gateway.roleArn,
    protocolType: gateway.protocolType,
    protocolConfiguration: gateway.protocolConfiguration,
    authorizerType: gateway.authorizerType,
    authorizerConfiguration: gateway.authorizerConfiguration,
    kmsKeyArn: gateway.kmsKeyArn,
    customTransformConfiguration: gateway.customTransformConfiguration,
    interceptorConfigurations: gateway.interceptorConfigurations,
    policyEngineConfiguration,
    exceptionLevel: gateway.exceptionLevel,
    wafConfiguration: gateway.wafConfiguration,
  };
  return request;
}

/** Attaches the gateway to an engine in a mode, keeping every other setting. There is no conditional update in the
 * API, so a change made to the gateway between the read and the write is lost. */
export async function attachGateway(
  client: BedrockAgentCoreControlClient,
  gatewayArn: string,
  engineArn: string,
  mode: GatewayMode,
): Promise<UpdateGatewayCommandOutput> {
  const gateway = await getGateway(client, gatewayArn);
  return call('UpdateGateway', () => client.send(new UpdateGatewayCommand(gatewayReplacement(gateway, { arn: engineArn, mode }))));
}

/** Takes the gateway off any engine, keeping every other setting: UpdateGateway replaces the whole gateway, so a
 * request without `policyEngineConfiguration` leaves it without one (as removing the property from a
 * CloudFormation template does). */
export async function detachGateway(client: BedrockAgentCoreControlClient, gatewayArn: string): Promise<UpdateGatewayCommandOutput> {
  const gateway = await getGateway(client, gatewayArn);
  return call('UpdateGateway', () => client.send(new UpdateGatewayCommand(gatewayReplacement(gateway, undefined))));
}

export type GatewayOutcome = { ok: true } | { ok: false; status: string; statusReasons: string[] };

/** Polls GetGateway with the waiters' backoff until the gateway is READY or has failed. */
export async function waitForGatewayReady(client: BedrockAgentCoreControlClient, gatewayArn: string, wait: WaitOptions): Promise<GatewayOutcome> {
  const deadline = Date.now() + wait.maxWaitSeconds * 1000;
  for (let delay = wait.minDelaySeconds; ; delay = Math.min(delay * 2, wait.maxDelaySeconds)) {
    const gateway = await getGateway(client, gatewayArn);
    if (gateway.status === 'READY') return { ok: true };
    if (gateway.status === 'FAILED' || gateway.status === 'UPDATE_UNSUCCESSFUL') {
      return { ok: false, status: gateway.status, statusReasons: gateway.statusReasons ?? [] };
    }
    if (Date.now() + delay * 1000 > deadline) {
      throw new AgentCoreError('WaitTimeout', `Gateway ${gatewayArn} was not READY within ${wait.maxWaitSeconds} s (status ${gateway.status}).`, { arn: gatewayArn });
    }
    await sleep(delay * 1000);
  }
}
