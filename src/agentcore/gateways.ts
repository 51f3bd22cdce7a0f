// Gateways as the engine file sees them: read by ARN (GetGateway; targets via ListGatewayTargets and
// GetGatewayTarget, the only read that carries inline tool schemas), attached to an engine by read-modify-write of
// the whole gateway (UpdateGateway is a full replacement), and polled until READY (the SDK has no gateway waiter).
import {
  GetGatewayCommand,
  GetGatewayTargetCommand,
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
import type { EngineSpec, GatewayMode, InputSchema, LiveGateway, TargetSpec } from '../model.js';
import { AgentCoreError, call } from './errors.js';
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

export function toTargetSpec(target: GetGatewayTargetCommandOutput): TargetSpec {
  const lambda = target.targetConfiguration?.mcp?.lambda;
  return {
    name: target.name!,
    ...(target.description !== undefined ? { description: target.description } : {}),
    ...(lambda?.lambdaArn !== undefined ? { lambdaArn: lambda.lambdaArn } : {}),
    // Targets whose tools are not inline (S3, OpenAPI, Smithy, MCP servers) contribute none here.
    tools: (lambda?.toolSchema?.inlinePayload ?? []).map((tool) => ({
      name: tool.name!,
      ...(tool.description !== undefined ? { description: tool.description } : {}),
      inputSchema: tool.inputSchema as InputSchema,
    })),
  };
}

export async function readGateway(client: BedrockAgentCoreControlClient, arn: string, engine?: Pick<EngineSpec, 'file' | 'region'>): Promise<LiveGateway> {
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
  const attached = gateway.policyEngineConfiguration;
  return {
    arn: gateway.gatewayArn!,
    gatewayId: gatewayIdentifier,
    name: gateway.name!,
    ...(attached ? { policyEngine: { arn: attached.arn!, mode: attached.mode as GatewayMode } } : {}),
    targets: targets.map(toTargetSpec),
  };
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
